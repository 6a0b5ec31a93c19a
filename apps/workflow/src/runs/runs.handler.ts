import { Injectable } from '@nestjs/common';
import {
  DecideWorkflowRunRequest,
  ListWorkflowRunsRequest,
  ListWorkflowStepsRequest,
  RestoreWorkflowStepRequest,
  StartWorkflowRunRequest,
  WorkflowRunRef,
  WorkflowRunsApply,
  WorkflowRunsCancel,
  WorkflowRunsDecide,
  WorkflowRunsGet,
  WorkflowRunsList,
  WorkflowRunsRestore,
  WorkflowRunsRetry,
  WorkflowRunsStart,
  WorkflowRunsSteps,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { RestoreService } from './restore.service';
import { RunsService } from './runs.service';

/** `workflow.runs.*`: thin, the answers come from the service. */
@Injectable()
export class RunsHandler {
  constructor(
    private readonly runs: RunsService,
    private readonly restores: RestoreService,
  ) {}

  @OnRequest(WorkflowRunsStart) start(req: StartWorkflowRunRequest) {
    return this.runs.start(req.workflowId, req.dryRun);
  }

  @OnRequest(WorkflowRunsApply) apply(req: WorkflowRunRef) {
    return this.runs.apply(req.runId);
  }

  @OnRequest(WorkflowRunsGet) get(req: WorkflowRunRef) {
    return this.runs.get(req.runId);
  }

  @OnRequest(WorkflowRunsList) list(req: ListWorkflowRunsRequest) {
    return this.runs.list(req);
  }

  @OnRequest(WorkflowRunsSteps) steps(req: ListWorkflowStepsRequest) {
    return this.runs.steps(req);
  }

  @OnRequest(WorkflowRunsDecide) decide(req: DecideWorkflowRunRequest) {
    return this.runs.decide(req);
  }

  @OnRequest(WorkflowRunsCancel) cancel(req: WorkflowRunRef) {
    return this.runs.cancel(req.runId, req.actor);
  }

  @OnRequest(WorkflowRunsRestore) restore(req: RestoreWorkflowStepRequest) {
    return this.restores.restore(req);
  }

  @OnRequest(WorkflowRunsRetry) retry(req: WorkflowRunRef) {
    return this.runs.retry(req.runId);
  }
}
