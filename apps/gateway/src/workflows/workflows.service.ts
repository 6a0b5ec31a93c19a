import { Injectable } from '@nestjs/common';
import {
  WorkflowDefinitionsCreate,
  WorkflowDefinitionsDelete,
  WorkflowDefinitionsGet,
  WorkflowDefinitionsLaunch,
  WorkflowDefinitionsList,
  WorkflowDefinitionsPause,
  WorkflowDefinitionsPreview,
  WorkflowDefinitionsUpdate,
  WorkflowDefinitionsValidate,
  WorkflowRunsApply,
  WorkflowRunsCancel,
  WorkflowRunsDecide,
  WorkflowRunsGet,
  WorkflowRunsList,
  WorkflowRunsRestore,
  WorkflowRunsRetry,
  WorkflowRunsStart,
  WorkflowRunsSteps,
  WorkflowVersionsGet,
  WorkflowVersionsList,
  type WorkflowVersionView,
  type WorkflowView,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import { toSaasUserDto } from '../directory/saas-users.dto';
import type { PageQueryDto, Page } from '../http/pagination';
import { ProblemException } from '../http/problem';
import { toCamelCase, toSnakeCase } from '../http/public-names';
import type {
  DeletedWorkflowDto,
  WorkflowDto,
  WorkflowPreviewDto,
  WorkflowRunDto,
  WorkflowStepDto,
  WorkflowStepRestoreDto,
  WorkflowValidationDto,
  WorkflowVersionDto,
} from './workflow-view.dto';
import { fromWorkflowService, toGraphErrors } from './workflow-errors';
import type { CreateWorkflowDto, ListWorkflowRunsQuery, ListWorkflowStepsQuery, StartWorkflowRunDto, UpdateWorkflowDto } from './workflows.dto';
import { toGraphDto, toGraphRequest } from './workflow-graph.names';

/** Graphs cross by their own rule (./workflow-graph.names); everything else by the API's one rule. */
function toWorkflowDto(w: WorkflowView): WorkflowDto {
  return { ...toSnakeCase(w, ['graph']), graph: toGraphDto(w.graph) };
}

function toVersionDto(v: WorkflowVersionView): WorkflowVersionDto {
  return { ...toSnakeCase(v, ['graph']), graph: toGraphDto(v.graph) };
}

/** A step's `detail` is the action's own record (vendor answers included): data, not shape. */
const STEP_DATA = ['detail'] as const;

/** A restore makes several PagerDuty calls through workflow and integration-sync (each action bounded there); past this the client may ask again and gets the recorded result. */
const RESTORE_TIMEOUT_MS = 60_000;

/** Calls the workflow service's `workflow.definitions.*` / `workflow.versions.*` / `workflow.runs.*` and answers in snake_case. */
@Injectable()
export class WorkflowsService {
  constructor(private readonly rpc: RpcClient) {}

  async create(body: CreateWorkflowDto, actor: string): Promise<WorkflowDto> {
    const request = { ...toCamelCase(body, ['graph']), graph: toGraphRequest(body.graph), actor };
    return toWorkflowDto(await fromWorkflowService(this.rpc.request(WorkflowDefinitionsCreate, request)));
  }

  async list(q: PageQueryDto): Promise<Page<WorkflowDto>> {
    const page = await fromWorkflowService(this.rpc.request(WorkflowDefinitionsList, toCamelCase(q)));
    return { data: page.data.map(toWorkflowDto), next_cursor: page.nextCursor };
  }

  async get(workflowId: string): Promise<WorkflowDto> {
    return toWorkflowDto(await fromWorkflowService(this.rpc.request(WorkflowDefinitionsGet, { workflowId })));
  }

  async update(workflowId: string, body: UpdateWorkflowDto, actor: string): Promise<WorkflowDto> {
    const request = { ...toCamelCase(body, ['graph']), graph: body.graph && toGraphRequest(body.graph), workflowId, actor };
    return toWorkflowDto(await fromWorkflowService(this.rpc.request(WorkflowDefinitionsUpdate, request)));
  }

  /** An unknown id is 404 (never `{"deleted": false}`): the service is asked for it first. */
  async delete(workflowId: string, actor: string): Promise<DeletedWorkflowDto> {
    await this.get(workflowId);
    const { deleted } = await fromWorkflowService(this.rpc.request(WorkflowDefinitionsDelete, { workflowId, actor }));
    return { id: workflowId, deleted };
  }

  async versions(workflowId: string, q: PageQueryDto): Promise<Page<WorkflowVersionDto>> {
    const page = await fromWorkflowService(this.rpc.request(WorkflowVersionsList, { ...toCamelCase(q), workflowId }));
    return { data: page.data.map(toVersionDto), next_cursor: page.nextCursor };
  }

  async version(workflowId: string, version: number): Promise<WorkflowVersionDto> {
    return toVersionDto(await fromWorkflowService(this.rpc.request(WorkflowVersionsGet, { workflowId, version })));
  }

  /** A draft with problems is a 422 like a launch would be, so a client handles one answer shape. */
  async validate(workflowId: string): Promise<WorkflowValidationDto> {
    const r = await fromWorkflowService(this.rpc.request(WorkflowDefinitionsValidate, { workflowId }));
    if (!r.ok) {
      const errors = toGraphErrors(r.problems.map((p) => ({ field: `graph.${p.field}`, messages: [p.message], blockId: p.blockId })));
      throw new ProblemException(422, 'WORKFLOW_GRAPH_INVALID', 'The workflow graph is not valid', errors);
    }
    return { ok: true };
  }

  async launch(workflowId: string, actor: string): Promise<WorkflowDto> {
    return toWorkflowDto(await fromWorkflowService(this.rpc.request(WorkflowDefinitionsLaunch, { workflowId, actor })));
  }

  async pause(workflowId: string, actor: string): Promise<WorkflowDto> {
    return toWorkflowDto(await fromWorkflowService(this.rpc.request(WorkflowDefinitionsPause, { workflowId, actor })));
  }

  async preview(workflowId: string, q: PageQueryDto): Promise<WorkflowPreviewDto> {
    const p = await fromWorkflowService(this.rpc.request(WorkflowDefinitionsPreview, { ...toCamelCase(q), workflowId }));
    return { count: p.count, data: p.data.map(toSaasUserDto), next_cursor: p.nextCursor };
  }

  async startRun(workflowId: string, body: StartWorkflowRunDto, actor: string): Promise<WorkflowRunDto> {
    return toSnakeCase(await fromWorkflowService(this.rpc.request(WorkflowRunsStart, { workflowId, dryRun: body.dry_run ?? false, actor })));
  }

  /** The service lists runs of any id (an unknown one has none); the API answers 404 for an unknown workflow. */
  async runs(workflowId: string, q: ListWorkflowRunsQuery): Promise<Page<WorkflowRunDto>> {
    await this.get(workflowId);
    return toSnakeCase(await fromWorkflowService(this.rpc.request(WorkflowRunsList, { ...toCamelCase(q), workflowId })));
  }

  async run(runId: string): Promise<WorkflowRunDto> {
    return toSnakeCase(await fromWorkflowService(this.rpc.request(WorkflowRunsGet, { runId })));
  }

  async steps(runId: string, q: ListWorkflowStepsQuery): Promise<Page<WorkflowStepDto>> {
    await this.run(runId);
    return toSnakeCase(await fromWorkflowService(this.rpc.request(WorkflowRunsSteps, { ...toCamelCase(q), runId })), STEP_DATA);
  }

  /** A dry run's plan: its steps. A run that is not a dry run has no plan (422 WORKFLOW_RUN_NOT_DRY_RUN; read its steps instead). */
  async plan(runId: string, q: ListWorkflowStepsQuery): Promise<Page<WorkflowStepDto>> {
    const run = await this.run(runId);
    if (!run.dry_run) throw new ProblemException(422, 'WORKFLOW_RUN_NOT_DRY_RUN', `Run ${runId} is not a dry run; its steps are at /workflows/runs/${runId}/steps`);
    return toSnakeCase(await fromWorkflowService(this.rpc.request(WorkflowRunsSteps, { ...toCamelCase(q), runId })), STEP_DATA);
  }

  async apply(runId: string, actor: string): Promise<WorkflowRunDto> {
    return toSnakeCase(await fromWorkflowService(this.rpc.request(WorkflowRunsApply, { runId, actor })));
  }

  async decide(runId: string, decision: 'approve' | 'reject', comment: string | undefined, actor: string): Promise<WorkflowRunDto> {
    const request = { runId, decision, ...(comment !== undefined ? { comment } : {}), actor };
    return toSnakeCase(await fromWorkflowService(this.rpc.request(WorkflowRunsDecide, request)));
  }

  async cancel(runId: string, actor: string): Promise<WorkflowRunDto> {
    return toSnakeCase(await fromWorkflowService(this.rpc.request(WorkflowRunsCancel, { runId, actor })));
  }

  /** Recreates the account a vendor-delete step deleted, from its restore kit; a repeat answers the recorded restore. */
  async restore(runId: string, stepId: string, fromEmail: string | undefined, actor: string): Promise<WorkflowStepRestoreDto> {
    const request = { runId, stepId, actor, ...(fromEmail ? { fromEmail } : {}) };
    return toSnakeCase(await fromWorkflowService(this.rpc.request(WorkflowRunsRestore, request, { timeoutMs: RESTORE_TIMEOUT_MS })));
  }

  async retry(runId: string, actor: string): Promise<WorkflowRunDto> {
    return toSnakeCase(await fromWorkflowService(this.rpc.request(WorkflowRunsRetry, { runId, actor })));
  }
}
