import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ReportingDashboardsCreate,
  ReportingDashboardsDelete,
  ReportingDashboardsGet,
  ReportingDashboardsList,
  ReportingDashboardsUpdate,
  ReportingSavings,
  ReportingSavingsLedger,
  ReportingWidgetData,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { ApiPageResponse, PageQueryDto, type Page } from '../http/pagination';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { DashboardDto, SaveDashboardDto, SavingsDto, WidgetDataDto } from './dashboards.dto';
import { LedgerEntryDto } from './reports.dto';
import { toDashboardDto, toLedgerPage, toSavingsDto, toWidgetDataDto } from './reporting.mapper';

class WidgetParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'widget_id must be a widget id of the dashboard' })
  widget_id!: string;
}

/** Saved dashboards, one data route per widget, and the savings. */
@ApiTags('reporting')
@Controller('api/v1')
export class DashboardsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('dashboards')
  @Roles('viewer')
  @ApiOkResponse({ type: [DashboardDto] })
  async list(): Promise<{ data: DashboardDto[] }> {
    return { data: (await this.rpc.request(ReportingDashboardsList, {})).data.map(toDashboardDto) };
  }

  @Get('dashboards/:id')
  @Roles('viewer')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: DashboardDto })
  async get(@Param('id', ParseUuidPipe) id: string): Promise<DashboardDto> {
    return toDashboardDto(await this.rpc.request(ReportingDashboardsGet, { dashboardId: id }));
  }

  @Post('dashboards')
  @Roles('admin')
  @ApiOperation({ summary: 'Save a dashboard; each widget is checked (WIDGET_INVALID names the field)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: DashboardDto })
  async create(@Body() body: SaveDashboardDto): Promise<DashboardDto> {
    return toDashboardDto(await this.rpc.request(ReportingDashboardsCreate, body));
  }

  @Put('dashboards/:id')
  @Roles('admin')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: DashboardDto })
  async update(@Param('id', ParseUuidPipe) id: string, @Body() body: SaveDashboardDto): Promise<DashboardDto> {
    return toDashboardDto(await this.rpc.request(ReportingDashboardsUpdate, { ...body, dashboardId: id }));
  }

  @Delete('dashboards/:id')
  @HttpCode(204)
  @Roles('admin')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  async delete(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.rpc.request(ReportingDashboardsDelete, { dashboardId: id });
  }

  @Get('dashboards/:id/widgets/:widget_id/data')
  @Roles('viewer')
  @ApiOperation({ summary: "One widget's numbers" })
  @ApiOkResponse({ type: WidgetDataDto })
  async widgetData(@Param() p: WidgetParams): Promise<WidgetDataDto> {
    return toWidgetDataDto(await this.rpc.request(ReportingWidgetData, { dashboardId: p.id, widgetId: p.widget_id }));
  }

  @Get('savings')
  @Roles('viewer')
  @ApiOperation({ summary: 'Potential savings (inactive and leavers\' seats × price) and realised savings (seats freed by workflows), per app' })
  @ApiOkResponse({ type: SavingsDto })
  async savings(): Promise<SavingsDto> {
    return toSavingsDto(await this.rpc.request(ReportingSavings, {}));
  }

  @Get('savings/ledger')
  @Roles('viewer')
  @ApiOperation({ summary: 'The realised-savings ledger: each seat a workflow freed, newest first' })
  @ApiPageResponse(LedgerEntryDto)
  async ledger(@Query() q: PageQueryDto): Promise<Page<LedgerEntryDto>> {
    return toLedgerPage(await this.rpc.request(ReportingSavingsLedger, { limit: q.limit, cursor: q.cursor }));
  }
}
