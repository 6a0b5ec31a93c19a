import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { ApiPageResponse, PageQueryDto, type Page } from '../http/pagination';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { DashboardDto, SaveDashboardDto, SavingsDto, WidgetDataDto } from './dashboards.dto';
import { LedgerEntryDto } from './reports.dto';
import { ReportingService } from './reporting.service';

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
  constructor(private readonly reporting: ReportingService) {}

  @Get('dashboards')
  @Roles('viewer')
  @ApiOkResponse({ type: [DashboardDto] })
  list(): Promise<{ data: DashboardDto[] }> {
    return this.reporting.dashboards();
  }

  @Get('dashboards/:id')
  @Roles('viewer')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: DashboardDto })
  get(@Param('id', ParseUuidPipe) id: string): Promise<DashboardDto> {
    return this.reporting.dashboard(id);
  }

  @Post('dashboards')
  @Roles('admin')
  @ApiOperation({ summary: 'Save a dashboard; each widget is checked (WIDGET_INVALID names the field)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: DashboardDto })
  create(@Body() body: SaveDashboardDto): Promise<DashboardDto> {
    return this.reporting.createDashboard(body);
  }

  @Put('dashboards/:id')
  @Roles('admin')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: DashboardDto })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: SaveDashboardDto): Promise<DashboardDto> {
    return this.reporting.updateDashboard(id, body);
  }

  @Delete('dashboards/:id')
  @HttpCode(204)
  @Roles('admin')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  delete(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    return this.reporting.deleteDashboard(id);
  }

  @Get('dashboards/:id/widgets/:widget_id/data')
  @Roles('viewer')
  @ApiOperation({ summary: "One widget's numbers" })
  @ApiOkResponse({ type: WidgetDataDto })
  widgetData(@Param() p: WidgetParams): Promise<WidgetDataDto> {
    return this.reporting.widgetData(p.id, p.widget_id);
  }

  @Get('savings')
  @Roles('viewer')
  @ApiOperation({ summary: 'Potential savings (inactive and leavers\' seats × price) and realised savings (seats freed by workflows), per app' })
  @ApiOkResponse({ type: SavingsDto })
  savings(): Promise<SavingsDto> {
    return this.reporting.savings();
  }

  @Get('savings/ledger')
  @Roles('viewer')
  @ApiOperation({ summary: 'The realised-savings ledger: each seat a workflow freed, newest first' })
  @ApiPageResponse(LedgerEntryDto)
  ledger(@Query() q: PageQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.reporting.ledger(q);
  }
}
