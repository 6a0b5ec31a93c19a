import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { streamReport } from './report-export';
import {
  CreatedShareLinkDto,
  CreateScheduleDto,
  CreateShareLinkDto,
  DeliveryDto,
  ExportQuery,
  ReportDto,
  SaveReportDto,
  ScheduleDto,
  ShareLinkDto,
} from './reports.dto';
import { ReportingService } from './reporting.service';

const ID = { name: 'id', type: String, format: 'uuid' } as const;

/** Saved reports, their exports (streamed), share links and schedules. */
@ApiTags('reporting')
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly reporting: ReportingService) {}

  @Get('reports')
  @Roles('viewer')
  @ApiOkResponse({ type: [ReportDto] })
  list(): Promise<{ data: ReportDto[] }> {
    return this.reporting.reports();
  }

  @Get('reports/:id')
  @Roles('viewer')
  @ApiParam(ID)
  @ApiOkResponse({ type: ReportDto })
  get(@Param('id', ParseUuidPipe) id: string): Promise<ReportDto> {
    return this.reporting.report(id);
  }

  @Post('reports')
  @Roles('admin')
  @ApiOperation({ summary: 'Save a report definition (entity, columns, filter, sort, group by)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ReportDto })
  create(@Body() body: SaveReportDto): Promise<ReportDto> {
    return this.reporting.createReport(body);
  }

  @Put('reports/:id')
  @Roles('admin')
  @ApiParam(ID)
  @ApiOkResponse({ type: ReportDto })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: SaveReportDto): Promise<ReportDto> {
    return this.reporting.updateReport(id, body);
  }

  @Delete('reports/:id')
  @HttpCode(204)
  @Roles('admin')
  @ApiParam(ID)
  delete(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    return this.reporting.deleteReport(id);
  }

  @Get('reports/:id/export')
  @Roles('viewer')
  @ApiOperation({ summary: 'Run the report to a file, streamed (CSV or XLSX); any size in bounded memory' })
  @ApiParam(ID)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file' })
  export(@Param('id', ParseUuidPipe) id: string, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    return streamReport(res, q.format ?? 'csv', this.reporting.reportRows(id));
  }

  @Post('reports/:id/share-links')
  @Roles('admin')
  @ApiOperation({ summary: 'A signed, read-only, expiring link to the report; the token is shown once' })
  @ApiParam(ID)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CreatedShareLinkDto })
  share(@Param('id', ParseUuidPipe) id: string, @Body() body: CreateShareLinkDto): Promise<CreatedShareLinkDto> {
    return this.reporting.share(id, body);
  }

  @Get('reports/:id/share-links')
  @Roles('admin')
  @ApiParam(ID)
  @ApiOkResponse({ type: [ShareLinkDto] })
  links(@Param('id', ParseUuidPipe) id: string): Promise<{ data: ShareLinkDto[] }> {
    return this.reporting.shareLinks(id);
  }

  @Delete('share-links/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Revoke a share link (at once; repeating it changes nothing)' })
  @ApiParam(ID)
  @ApiOkResponse({ type: ShareLinkDto })
  revoke(@Param('id', ParseUuidPipe) id: string): Promise<ShareLinkDto> {
    return this.reporting.revokeShareLink(id);
  }

  @Post('reports/:id/schedules')
  @Roles('admin')
  @ApiOperation({ summary: 'Deliver the report to a webhook on a cron schedule in a time zone (SCHEDULE_INVALID for a bad cron or zone)' })
  @ApiParam(ID)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ScheduleDto })
  schedule(@Param('id', ParseUuidPipe) id: string, @Body() body: CreateScheduleDto): Promise<ScheduleDto> {
    return this.reporting.schedule(id, body);
  }

  @Get('reports/:id/schedules')
  @Roles('viewer')
  @ApiParam(ID)
  @ApiOkResponse({ type: [ScheduleDto] })
  schedules(@Param('id', ParseUuidPipe) id: string): Promise<{ data: ScheduleDto[] }> {
    return this.reporting.schedules(id);
  }

  @Delete('report-schedules/:id')
  @HttpCode(204)
  @Roles('admin')
  @ApiParam(ID)
  unschedule(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    return this.reporting.unschedule(id);
  }

  @Get('report-schedules/:id/deliveries')
  @Roles('viewer')
  @ApiOperation({ summary: "A schedule's delivery history, newest first" })
  @ApiParam(ID)
  @ApiOkResponse({ type: [DeliveryDto] })
  deliveries(@Param('id', ParseUuidPipe) id: string): Promise<{ data: DeliveryDto[] }> {
    return this.reporting.deliveries(id);
  }
}
