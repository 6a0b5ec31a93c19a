import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { EntityCatalogDto, RowsPageDto } from './list.dto';
import { ReportingService } from './reporting.service';
import { SaveViewDto, ViewDto, ViewRowsQuery } from './views.dto';

/** Saved list views (people, SaaS users, sync runs, workflow actions) and their pages. */
@ApiTags('reporting')
@Controller('api/v1')
export class ViewsController {
  constructor(private readonly reporting: ReportingService) {}

  @Get('entities')
  @Roles('viewer')
  @ApiOperation({ summary: 'What views, reports and widgets can list: each entity with its fields (for columns, rules, sort, group by)' })
  @ApiOkResponse({ type: [EntityCatalogDto] })
  entities(): Promise<{ data: EntityCatalogDto[] }> {
    return this.reporting.entities();
  }

  @Get('views')
  @Roles('viewer')
  @ApiOperation({ summary: 'Saved views, the defaults first' })
  @ApiOkResponse({ type: [ViewDto] })
  list(): Promise<{ data: ViewDto[] }> {
    return this.reporting.views();
  }

  @Get('views/:id')
  @Roles('viewer')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: ViewDto })
  get(@Param('id', ParseUuidPipe) id: string): Promise<ViewDto> {
    return this.reporting.view(id);
  }

  @Post('views')
  @Roles('admin')
  @ApiOperation({ summary: 'Save a view; unknown columns (COLUMN_INVALID), rules (RULE_INVALID) or sorts (SORT_INVALID) are refused' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ViewDto })
  create(@Body() body: SaveViewDto): Promise<ViewDto> {
    return this.reporting.createView(body);
  }

  @Put('views/:id')
  @Roles('admin')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: ViewDto })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: SaveViewDto): Promise<ViewDto> {
    return this.reporting.updateView(id, body);
  }

  @Delete('views/:id')
  @HttpCode(204)
  @Roles('admin')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  delete(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    return this.reporting.deleteView(id);
  }

  @Get('views/:id/rows')
  @Roles('viewer')
  @ApiOperation({ summary: 'A page of the view (keyset cursor); `filter` narrows it, `sort` overrides its order' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: RowsPageDto })
  rows(@Param('id', ParseUuidPipe) id: string, @Query() q: ViewRowsQuery): Promise<RowsPageDto> {
    return this.reporting.viewRows(id, q);
  }
}
