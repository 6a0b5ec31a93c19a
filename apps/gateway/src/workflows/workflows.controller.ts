import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { actorOf } from '../http/actor';
import { ApiPageResponse, PageQueryDto, type Page } from '../http/pagination';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { DeletedWorkflowDto, WorkflowDto, WorkflowPreviewDto, WorkflowRunDto, WorkflowValidationDto, WorkflowVersionDto } from './workflow-view.dto';
import { CreateWorkflowDto, ListWorkflowRunsQuery, StartWorkflowRunDto, UpdateWorkflowDto, WorkflowVersionParams } from './workflows.dto';
import { WorkflowsService } from './workflows.service';

const GRAPH_422 = '422 WORKFLOW_GRAPH_INVALID naming each block (errors[].block_id) and field (errors[].field, e.g. graph.blocks.begin.config.schedule.cron)';

/** Workflow definitions and their versions, kept by the workflow service. Admins edit; viewers read; operators run. */
@ApiTags('workflows')
@Controller('api/v1/workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: `Create a draft workflow (version 1). ${GRAPH_422}` })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: WorkflowDto })
  create(@Body() body: CreateWorkflowDto, @CurrentPrincipal() who: Principal): Promise<WorkflowDto> {
    return this.workflows.create(body, actorOf(who));
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List workflows' })
  @ApiPageResponse(WorkflowDto)
  list(@Query() query: PageQueryDto): Promise<Page<WorkflowDto>> {
    return this.workflows.list(query);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One workflow with its draft graph' })
  @ApiOkResponse({ type: WorkflowDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  get(@Param('id', ParseUuidPipe) id: string): Promise<WorkflowDto> {
    return this.workflows.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: `Change the draft; fields left out stay. After a launch the edit makes a new draft version (the active one stays frozen). ${GRAPH_422}` })
  @ApiOkResponse({ type: WorkflowDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateWorkflowDto, @CurrentPrincipal() who: Principal): Promise<WorkflowDto> {
    return this.workflows.update(id, body, actorOf(who));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Delete; 409 CONFLICT while a run is going' })
  @ApiOkResponse({ type: DeletedWorkflowDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  delete(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<DeletedWorkflowDto> {
    return this.workflows.delete(id, actorOf(who));
  }

  @Get(':id/versions')
  @Roles('viewer')
  @ApiOperation({ summary: 'Versions, newest first' })
  @ApiPageResponse(WorkflowVersionDto)
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  versions(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQueryDto): Promise<Page<WorkflowVersionDto>> {
    return this.workflows.versions(id, query);
  }

  @Get(':id/versions/:version')
  @Roles('viewer')
  @ApiOperation({ summary: 'One version (a launched one is frozen)' })
  @ApiOkResponse({ type: WorkflowVersionDto })
  version(@Param() p: WorkflowVersionParams): Promise<WorkflowVersionDto> {
    return this.workflows.version(p.id, p.version);
  }

  @Get(':id/validation')
  @Roles('viewer')
  @ApiOperation({ summary: `Check the draft as a launch would (links, block configs, credentials in the vault): 200 {ok: true}, or ${GRAPH_422}` })
  @ApiOkResponse({ type: WorkflowValidationDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  validate(@Param('id', ParseUuidPipe) id: string): Promise<WorkflowValidationDto> {
    return this.workflows.validate(id);
  }

  @Get(':id/preview')
  @Roles('viewer')
  @ApiOperation({ summary: "The SaaS users the draft's Begin block selects now: their count and a page of them" })
  @ApiOkResponse({ type: WorkflowPreviewDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  preview(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQueryDto): Promise<WorkflowPreviewDto> {
    return this.workflows.preview(id, query);
  }

  @Post(':id/launch')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: `draft|paused → active: freezes the draft as the version runs execute. ${GRAPH_422}` })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WorkflowDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  launch(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<WorkflowDto> {
    return this.workflows.launch(id, actorOf(who));
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'active → paused: triggers stop firing; a run in progress goes on. 409 CONFLICT when not active' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WorkflowDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  pause(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<WorkflowDto> {
    return this.workflows.pause(id, actorOf(who));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: `paused → active, like a launch (the draft, if edited since, is validated and frozen). ${GRAPH_422}` })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WorkflowDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  resume(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<WorkflowDto> {
    return this.workflows.launch(id, actorOf(who));
  }

  @Post(':id/runs')
  @HttpCode(202)
  @Roles('operator')
  @ApiOperation({
    summary:
      'Run now (the active version; 422 WORKFLOW_NOT_ACTIVE for a draft or paused one) or, with dry_run, only make a plan (a draft works too). 202: the run goes on in the background',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: WorkflowRunDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  startRun(@Param('id', ParseUuidPipe) id: string, @Body() body: StartWorkflowRunDto, @CurrentPrincipal() who: Principal): Promise<WorkflowRunDto> {
    return this.workflows.startRun(id, body, actorOf(who));
  }

  @Get(':id/runs')
  @Roles('viewer')
  @ApiOperation({ summary: "The workflow's runs, newest first (404 for an unknown workflow)" })
  @ApiPageResponse(WorkflowRunDto)
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  runs(@Param('id', ParseUuidPipe) id: string, @Query() query: ListWorkflowRunsQuery): Promise<Page<WorkflowRunDto>> {
    return this.workflows.runs(id, query);
  }
}
