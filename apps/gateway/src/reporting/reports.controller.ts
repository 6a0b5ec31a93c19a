import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ReportingDeliveriesList,
  ReportingReportsCreate,
  ReportingReportsDelete,
  ReportingReportsGet,
  ReportingReportsList,
  ReportingReportsRows,
  ReportingReportsUpdate,
  ReportingSchedulesCreate,
  ReportingSchedulesDelete,
  ReportingSchedulesList,
  ReportingShareLinksCreate,
  ReportingShareLinksList,
  ReportingShareLinksRevoke,
  type SaveReportRequest,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
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
import { toDeliveryDto, toReportDto, toScheduleDto, toShareLinkDto } from './reporting.mapper';

const EXPORT_PAGE_ROWS = 2000;
const ID = { name: 'id', type: String, format: 'uuid' } as const;

function toRequest(body: SaveReportDto): SaveReportRequest {
  const { group_by: groupBy, ...rest } = body;
  return { ...rest, ...(groupBy !== undefined ? { groupBy } : {}) };
}

/** Saved reports, their exports (streamed), share links and schedules. */
@ApiTags('reporting')
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('reports')
  @Roles('viewer')
  @ApiOkResponse({ type: [ReportDto] })
  async list(): Promise<{ data: ReportDto[] }> {
    return { data: (await this.rpc.request(ReportingReportsList, {})).data.map(toReportDto) };
  }

  @Get('reports/:id')
  @Roles('viewer')
  @ApiParam(ID)
  @ApiOkResponse({ type: ReportDto })
  async get(@Param('id', ParseUuidPipe) id: string): Promise<ReportDto> {
    return toReportDto(await this.rpc.request(ReportingReportsGet, { reportId: id }));
  }

  @Post('reports')
  @Roles('admin')
  @ApiOperation({ summary: 'Save a report definition (entity, columns, filter, sort, group by)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ReportDto })
  async create(@Body() body: SaveReportDto): Promise<ReportDto> {
    return toReportDto(await this.rpc.request(ReportingReportsCreate, toRequest(body)));
  }

  @Put('reports/:id')
  @Roles('admin')
  @ApiParam(ID)
  @ApiOkResponse({ type: ReportDto })
  async update(@Param('id', ParseUuidPipe) id: string, @Body() body: SaveReportDto): Promise<ReportDto> {
    return toReportDto(await this.rpc.request(ReportingReportsUpdate, { ...toRequest(body), reportId: id }));
  }

  @Delete('reports/:id')
  @HttpCode(204)
  @Roles('admin')
  @ApiParam(ID)
  async delete(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.rpc.request(ReportingReportsDelete, { reportId: id });
  }

  @Get('reports/:id/export')
  @Roles('viewer')
  @ApiOperation({ summary: 'Run the report to a file, streamed (CSV or XLSX); any size in bounded memory' })
  @ApiParam(ID)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file' })
  async export(@Param('id', ParseUuidPipe) id: string, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    await streamReport(res, q.format ?? 'csv', (cursor) =>
      this.rpc.request(ReportingReportsRows, { reportId: id, limit: EXPORT_PAGE_ROWS, ...(cursor ? { cursor } : {}) }),
    );
  }

  @Post('reports/:id/share-links')
  @Roles('admin')
  @ApiOperation({ summary: 'A signed, read-only, expiring link to the report; the token is shown once' })
  @ApiParam(ID)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CreatedShareLinkDto })
  async share(@Param('id', ParseUuidPipe) id: string, @Body() body: CreateShareLinkDto): Promise<CreatedShareLinkDto> {
    const link = await this.rpc.request(ReportingShareLinksCreate, { reportId: id, expiresInHours: body.expires_in_hours });
    return { ...toShareLinkDto(link), token: link.token, path: `/api/v1/shared-reports/${link.token}` };
  }

  @Get('reports/:id/share-links')
  @Roles('admin')
  @ApiParam(ID)
  @ApiOkResponse({ type: [ShareLinkDto] })
  async links(@Param('id', ParseUuidPipe) id: string): Promise<{ data: ShareLinkDto[] }> {
    return { data: (await this.rpc.request(ReportingShareLinksList, { reportId: id })).data.map(toShareLinkDto) };
  }

  @Delete('share-links/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Revoke a share link (at once; repeating it changes nothing)' })
  @ApiParam(ID)
  @ApiOkResponse({ type: ShareLinkDto })
  async revoke(@Param('id', ParseUuidPipe) id: string): Promise<ShareLinkDto> {
    return toShareLinkDto(await this.rpc.request(ReportingShareLinksRevoke, { shareLinkId: id }));
  }

  @Post('reports/:id/schedules')
  @Roles('admin')
  @ApiOperation({ summary: 'Deliver the report to a webhook on a cron schedule in a time zone (SCHEDULE_INVALID for a bad cron or zone)' })
  @ApiParam(ID)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ScheduleDto })
  async schedule(@Param('id', ParseUuidPipe) id: string, @Body() body: CreateScheduleDto): Promise<ScheduleDto> {
    return toScheduleDto(
      await this.rpc.request(ReportingSchedulesCreate, { reportId: id, cron: body.cron, timeZone: body.time_zone, format: body.format, webhookUrl: body.webhook_url }),
    );
  }

  @Get('reports/:id/schedules')
  @Roles('viewer')
  @ApiParam(ID)
  @ApiOkResponse({ type: [ScheduleDto] })
  async schedules(@Param('id', ParseUuidPipe) id: string): Promise<{ data: ScheduleDto[] }> {
    return { data: (await this.rpc.request(ReportingSchedulesList, { reportId: id })).data.map(toScheduleDto) };
  }

  @Delete('report-schedules/:id')
  @HttpCode(204)
  @Roles('admin')
  @ApiParam(ID)
  async unschedule(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.rpc.request(ReportingSchedulesDelete, { scheduleId: id });
  }

  @Get('report-schedules/:id/deliveries')
  @Roles('viewer')
  @ApiOperation({ summary: "A schedule's delivery history, newest first" })
  @ApiParam(ID)
  @ApiOkResponse({ type: [DeliveryDto] })
  async deliveries(@Param('id', ParseUuidPipe) id: string): Promise<{ data: DeliveryDto[] }> {
    return { data: (await this.rpc.request(ReportingDeliveriesList, { scheduleId: id })).data.map(toDeliveryDto) };
  }
}
