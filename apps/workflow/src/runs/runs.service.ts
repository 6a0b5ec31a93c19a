import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  RpcErrorCode,
  type DecideWorkflowRunRequest,
  type ListWorkflowRunsRequest,
  type ListWorkflowStepsRequest,
  type Page,
  type WorkflowRunView,
  type WorkflowStepView,
  type WorkflowTrigger,
} from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { v7 as uuidv7 } from 'uuid';
import { WorkflowsRepository } from '../definitions/workflows.repository';
import { Planner } from './planner';
import { toRunView, toStepView, type RunRow } from './run.rows';
import { RunWorker } from './run.worker';
import { RunsRepository } from './runs.repository';
import { idCursor } from '../paging/page-cursor';


/** Operators' side of runs: start, dry run and apply, approve or reject, cancel, retry, history. */
@Injectable()
export class RunsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly runs: RunsRepository,
    private readonly workflows: WorkflowsRepository,
    private readonly planner: Planner,
    private readonly worker: RunWorker,
  ) {}

  /**
   * A run of the active version; a dry run of a workflow never launched plans its draft. A real
   * run needs an active workflow, and waits its turn while another run of it is going.
   */
  async start(workflowId: string, dryRun: boolean): Promise<WorkflowRunView> {
    const view = await this.orm.em.fork().transactional(async (em) => {
      const w = await this.workflows.get(em, workflowId, true);
      if (!dryRun && w.status !== 'active') throw new RpcException('WORKFLOW_NOT_ACTIVE', `The workflow is ${w.status}; launch it first (a dry run works on a draft)`);
      const version = w.activeVersion ?? w.draftVersion;
      const run = await this.queue(em, { workflowId: w.id, version, name: w.name, trigger: 'manual', dryRun });
      return this.view(em, run);
    });
    this.worker.poke();
    return view;
  }

  /** Queues a run (used by triggers too) in the caller's transaction. */
  async queue(em: EntityManager, r: { workflowId: string; version: number; name: string; trigger: WorkflowTrigger; dryRun: boolean; saasUser?: { saasAppId: string; externalId: string } }): Promise<string> {
    const id = uuidv7();
    await this.runs.queue(em, { id, ...r });
    return id;
  }

  /** Executes a dry run's stored plan as it stands: the same records and actions, whatever the directory says now. */
  async apply(runId: string): Promise<WorkflowRunView> {
    const view = await this.orm.em.fork().transactional(async (em) => {
      const run = await this.runs.run(em, runId, true);
      if (!run.dry_run || run.status !== 'planned') throw new RpcException(RpcErrorCode.Conflict, `Only a planned dry run can be applied; this run is ${run.dry_run ? '' : 'not a dry run and is '}${run.status}`);
      await this.runs.markApplied(em, runId);
      await this.runs.transition(em, runId, 'running', { event: 'started' });
      const version = await this.workflows.version(em, run.workflow_id, run.version);
      const plan = await this.runs.planOf(em, runId);
      await this.planner.gate(em, runId, version.limits, plan.records, plan.steps);
      return this.view(em, runId);
    });
    this.worker.poke();
    return view;
  }

  async decide(req: DecideWorkflowRunRequest): Promise<WorkflowRunView> {
    const view = await this.orm.em.fork().transactional(async (em) => {
      const run = await this.runs.run(em, req.runId, true);
      if (run.status !== 'awaiting_approval' || !run.approval) throw new RpcException(RpcErrorCode.Conflict, `The run is ${run.status}; nothing waits for a decision`);
      const who = req.actor ?? 'an operator';
      if (req.decision === 'reject') {
        await this.runs.transition(em, run.id, 'rejected', { reason: `Rejected by ${who}${req.comment ? `: ${req.comment}` : ''}; the run acted on nobody past the gate` });
        await this.runs.skipPlanned(em, run.id, `approval rejected by ${who}`);
      } else {
        await this.runs.approveGate(em, run.id, run.approval.key);
        await this.runs.transition(em, run.id, 'running', { reason: `Approved by ${who}${req.comment ? `: ${req.comment}` : ''}` });
      }
      return this.view(em, run.id);
    });
    this.worker.poke();
    return view;
  }

  async cancel(runId: string, actor?: string): Promise<WorkflowRunView> {
    return this.orm.em.fork().transactional(async (em) => {
      const run = await this.runs.run(em, runId, true);
      if (!(await this.runs.transition(em, runId, 'cancelled', { from: ['planning', 'running', 'awaiting_approval'], reason: `Cancelled by ${actor ?? 'an operator'}` }))) {
        throw new RpcException(RpcErrorCode.Conflict, `The run is ${run.status}; it cannot be cancelled`);
      }
      await this.runs.skipPlanned(em, runId, 'run cancelled');
      return this.view(em, runId);
    });
  }

  /** Failed steps back to planned, and the run back to running: they are tried again, nothing else is. */
  async retry(runId: string): Promise<WorkflowRunView> {
    const view = await this.orm.em.fork().transactional(async (em) => {
      const run = await this.runs.run(em, runId, true);
      if (run.dry_run || !['completed', 'failed'].includes(run.status)) throw new RpcException(RpcErrorCode.Conflict, `The run is ${run.status}; only a finished run's failed steps can be retried`);
      const reset = await this.runs.replanFailed(em, runId);
      if (!reset.length && run.status !== 'failed') throw new RpcException(RpcErrorCode.Conflict, 'The run has no failed steps');
      // Steps skipped only because an earlier step failed are planned again with it.
      const ids = reset.flatMap((r) => (r.saas_user_id ? [r.saas_user_id] : []));
      if (ids.length) await this.runs.replanUnreached(em, runId, ids);
      await this.runs.transition(em, runId, 'running', { reason: null });
      return this.view(em, runId);
    });
    this.worker.poke();
    return view;
  }

  async get(runId: string): Promise<WorkflowRunView> {
    return this.view(this.orm.em.fork(), runId);
  }

  async list(req: ListWorkflowRunsRequest): Promise<Page<WorkflowRunView>> {
    const em = this.orm.em.fork();
    const limit = req.limit ?? 50;
    const rows = await this.runs.page(em, { workflowId: req.workflowId ?? null, status: req.status ?? null, before: idCursor(req.cursor), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const data = await Promise.all(page.map(async (r) => toRunView(r, await this.runs.counts(em, r.id))));
    return { data, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
  }

  async steps(req: ListWorkflowStepsRequest): Promise<Page<WorkflowStepView>> {
    const em = this.orm.em.fork();
    await this.runs.run(em, req.runId);
    const limit = req.limit ?? 100;
    const rows = await this.runs.stepsPage(em, { runId: req.runId, status: req.status ?? null, after: idCursor(req.cursor), limit: limit + 1 });
    const page = rows.slice(0, limit);
    return { data: page.map(toStepView), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
  }

  private async view(em: EntityManager, runId: string | RunRow): Promise<WorkflowRunView> {
    const run = typeof runId === 'string' ? await this.runs.run(em, runId) : runId;
    return toRunView(run, await this.runs.counts(em, run.id));
  }
}

