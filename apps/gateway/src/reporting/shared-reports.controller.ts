import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { ProblemException } from '../http/problem';
import { streamReport } from './report-export';
import { ReportingService } from './reporting.service';
import { ExportQuery, SharedReportParams } from './reports.dto';

/** A refused link says why in a word and nothing about the report or anything else. */
function refusal(e: unknown): unknown {
  if (!(e instanceof RemoteRpcError)) return e;
  if (e.code === 'SHARE_LINK_INVALID') return new ProblemException(404, e.code, 'This share link is not valid');
  if (e.code === 'SHARE_LINK_EXPIRED') return new ProblemException(410, e.code, 'This share link has expired');
  if (e.code === 'SHARE_LINK_REVOKED') return new ProblemException(410, e.code, 'This share link was revoked');
  return e;
}

/** Opening a share link: no token, read-only, one report's rows and nothing else. */
@ApiTags('reporting')
@Controller('api/v1/shared-reports')
export class SharedReportsController {
  constructor(private readonly reporting: ReportingService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'The shared report as a file (CSV by default); 404 SHARE_LINK_INVALID for a tampered or unknown link, 410 once expired or revoked' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file' })
  async open(@Param() p: SharedReportParams, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    try {
      await streamReport(res, q.format ?? 'csv', this.reporting.sharedRows(p.token));
    } catch (e) {
      throw refusal(e);
    }
  }
}
