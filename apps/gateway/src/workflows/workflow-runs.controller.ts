import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { actorOf } from '../http/actor';
import { ApiPageResponse, type Page } from '../http/pagination';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { WorkflowRunDto, WorkflowStepDto, WorkflowStepRestoreDto } from './workflow-view.dto';
import { DecideWorkflowRunDto, ListWorkflowStepsQuery, RestoreWorkflowStepDto } from './workflows.dto';
import { WorkflowsService } from './workflows.service';

/** Workflow runs by their own id: viewers read them, operators apply, cancel, retry, decide approvals and restore deleted accounts. */
@ApiTags('workflows')
@Controller('api/v1/workflows/runs')
export class WorkflowRunsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One workflow run, with its counts and the approval it waits for' })
  @ApiOkResponse({ type: WorkflowRunDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  get(@Param('id', ParseUuidPipe) id: string): Promise<WorkflowRunDto> {
    return this.workflows.run(id);
  }

  @Get(':id/steps')
  @Roles('viewer')
  @ApiOperation({ summary: "The run's steps (one per block and record), in order" })
  @ApiPageResponse(WorkflowStepDto)
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  steps(@Param('id', ParseUuidPipe) id: string, @Query() query: ListWorkflowStepsQuery): Promise<Page<WorkflowStepDto>> {
    return this.workflows.steps(id, query);
  }

  @Get(':id/plan')
  @Roles('viewer')
  @ApiOperation({ summary: "A dry run's plan: the steps it would take (422 WORKFLOW_RUN_NOT_DRY_RUN for a real run)" })
  @ApiPageResponse(WorkflowStepDto)
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  plan(@Param('id', ParseUuidPipe) id: string, @Query() query: ListWorkflowStepsQuery): Promise<Page<WorkflowStepDto>> {
    return this.workflows.plan(id, query);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: "Execute a planned dry run's stored plan as it stands (409 CONFLICT for any other run); the blast-radius gate still applies" })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WorkflowRunDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  apply(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<WorkflowRunDto> {
    return this.workflows.apply(id, actorOf(who));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Approve the gate or Approval block the run waits at (409 CONFLICT when nothing waits)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WorkflowRunDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  approve(@Param('id', ParseUuidPipe) id: string, @Body() body: DecideWorkflowRunDto, @CurrentPrincipal() who: Principal): Promise<WorkflowRunDto> {
    return this.workflows.decide(id, 'approve', body.comment, actorOf(who));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Reject the approval the run waits for: its destructive steps are skipped (409 CONFLICT when nothing waits)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WorkflowRunDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  reject(@Param('id', ParseUuidPipe) id: string, @Body() body: DecideWorkflowRunDto, @CurrentPrincipal() who: Principal): Promise<WorkflowRunDto> {
    return this.workflows.decide(id, 'reject', body.comment, actorOf(who));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Cancel a run that has not finished; steps not started stay undone (409 CONFLICT otherwise)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WorkflowRunDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  cancel(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<WorkflowRunDto> {
    return this.workflows.cancel(id, actorOf(who));
  }

  @Post(':id/steps/:stepId/restore')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary:
      "Recreate the PagerDuty account a vendor-delete step deleted, from its restore kit (user, contact methods, notification rules, teams); the new id is recorded on the step. Repeating it answers the recorded restore and creates nothing. Schedules and escalation policies come back as re_add_manually. 404 NOT_FOUND (run or step), 409 CONFLICT (the step deleted nothing)",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WorkflowStepRestoreDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiParam({ name: 'stepId', type: String, format: 'uuid' })
  restore(
    @Param('id', ParseUuidPipe) id: string,
    @Param('stepId', ParseUuidPipe) stepId: string,
    @Body() body: RestoreWorkflowStepDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<WorkflowStepRestoreDto> {
    return this.workflows.restore(id, stepId, body.from_email, actorOf(who));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: "A finished run's failed steps back to planned; the run goes on (409 CONFLICT when none failed)" })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WorkflowRunDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  retry(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<WorkflowRunDto> {
    return this.workflows.retry(id, actorOf(who));
  }
}
