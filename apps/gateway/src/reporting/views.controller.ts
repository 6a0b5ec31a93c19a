import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ReportingEntitiesList,
  ReportingViewsCreate,
  ReportingViewsDelete,
  ReportingViewsGet,
  ReportingViewsList,
  ReportingViewsRows,
  ReportingViewsUpdate,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import { Roles } from '../auth/roles.decorator';
import { ruleOf } from '../directory/rule-filter.query';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { EntityCatalogDto, RowsPageDto } from './list.dto';
import { toEntityCatalogDto, toRowsPageDto, toViewDto } from './reporting.mapper';
import { SaveViewDto, ViewDto, ViewRowsQuery } from './views.dto';

/** Saved list views (people, SaaS users, sync runs, workflow actions) and their pages. */
@ApiTags('reporting')
@Controller('api/v1')
export class ViewsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('entities')
  @Roles('viewer')
  @ApiOperation({ summary: 'What views, reports and widgets can list: each entity with its fields (for columns, rules, sort, group by)' })
  @ApiOkResponse({ type: [EntityCatalogDto] })
  async entities(): Promise<{ data: EntityCatalogDto[] }> {
    return { data: (await this.rpc.request(ReportingEntitiesList, {})).data.map(toEntityCatalogDto) };
  }

  @Get('views')
  @Roles('viewer')
  @ApiOperation({ summary: 'Saved views, the defaults first' })
  @ApiOkResponse({ type: [ViewDto] })
  async list(): Promise<{ data: ViewDto[] }> {
    return { data: (await this.rpc.request(ReportingViewsList, {})).data.map(toViewDto) };
  }

  @Get('views/:id')
  @Roles('viewer')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: ViewDto })
  async get(@Param('id', ParseUuidPipe) id: string): Promise<ViewDto> {
    return toViewDto(await this.rpc.request(ReportingViewsGet, { viewId: id }));
  }

  @Post('views')
  @Roles('admin')
  @ApiOperation({ summary: 'Save a view; unknown columns (COLUMN_INVALID), rules (RULE_INVALID) or sorts (SORT_INVALID) are refused' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ViewDto })
  async create(@Body() body: SaveViewDto): Promise<ViewDto> {
    return toViewDto(await this.rpc.request(ReportingViewsCreate, body));
  }

  @Put('views/:id')
  @Roles('admin')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: ViewDto })
  async update(@Param('id', ParseUuidPipe) id: string, @Body() body: SaveViewDto): Promise<ViewDto> {
    return toViewDto(await this.rpc.request(ReportingViewsUpdate, { ...body, viewId: id }));
  }

  @Delete('views/:id')
  @HttpCode(204)
  @Roles('admin')
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  async delete(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.rpc.request(ReportingViewsDelete, { viewId: id });
  }

  @Get('views/:id/rows')
  @Roles('viewer')
  @ApiOperation({ summary: 'A page of the view (keyset cursor); `filter` narrows it, `sort` overrides its order' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: RowsPageDto })
  async rows(@Param('id', ParseUuidPipe) id: string, @Query() q: ViewRowsQuery): Promise<RowsPageDto> {
    const [field, direction] = q.sort ? (q.sort.split(':') as [string, 'asc' | 'desc']) : [];
    const page = await this.rpc.request(ReportingViewsRows, {
      viewId: id,
      limit: q.limit,
      cursor: q.cursor,
      filter: ruleOf(q.filter),
      ...(field && direction ? { sort: { field, direction } } : {}),
    });
    return toRowsPageDto(page);
  }
}
