import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  RpcErrorCode,
  type BlockConfigs,
  type CreateWorkflowRequest,
  type ListVersionsRequest,
  type ListWorkflowsRequest,
  type Page,
  type PreviewWorkflowRequest,
  type UpdateWorkflowRequest,
  type WorkflowGraphDto,
  type WorkflowPreview,
  type WorkflowProblem,
  type WorkflowVersionView,
  type WorkflowView,
} from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { v7 as uuidv7 } from 'uuid';
import { DirectoryClient, selection } from '../directory/directory.client';
import { nextFireAt } from '../graph/begin-schedule';
import { Graph } from '../graph/graph';
import { checkGraph } from '../graph/graph-validation';
import { CredentialCheck } from './credential-check';
import { idCursor, versionCursor } from '../paging/page-cursor';
import { graphInvalid } from './validation-error';
import { DEFAULT_LIMITS, toVersionView, toWorkflowView, type Limits, type VersionRow, type WorkflowRow } from './workflow.rows';

const W_COLS = 'id, name, description, type, status, draft_version, active_version, trigger, next_run_at, created_at, updated_at';

/**
 * Definitions and versions. Saving refuses a graph with any structural or configuration problem
 * (nothing stored changes); validate and launch add the vault check of every credential. Launch
 * freezes the draft; editing a frozen draft makes a new draft version, so runs of the active
 * version never see a half-edited graph.
 */
@Injectable()
export class DefinitionsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly credentials: CredentialCheck,
    private readonly directory: DirectoryClient,
  ) {}

  async create(req: CreateWorkflowRequest): Promise<WorkflowView> {
    assertShape(req.graph);
    const id = uuidv7();
    const limits = { ...DEFAULT_LIMITS, ...req.limits };
    return this.orm.em.fork().transactional(async (em) => {
      await em.execute(`insert into workflow (id, name, description, type) values (?, ?, ?, ?)`, [id, req.name, req.description ?? null, req.type]);
      await em.execute(`insert into workflow_version (workflow_id, version, state, graph, limits) values (?, 1, 'draft', ?, ?)`, [id, JSON.stringify(req.graph), JSON.stringify(limits)]);
      return this.view(em, id);
    });
  }

  async update(req: UpdateWorkflowRequest): Promise<WorkflowView> {
    if (req.graph) assertShape(req.graph);
    return this.orm.em.fork().transactional(async (em) => {
      const w = await this.row(em, req.workflowId, true);
      const draft = await this.version(em, w.id, w.draft_version);
      const graph = req.graph ?? draft.graph;
      const limits: Limits = { ...draft.limits, ...req.limits };
      if (req.graph || req.limits) {
        if (draft.state === 'frozen') {
          const next = w.draft_version + 1;
          await em.execute(`insert into workflow_version (workflow_id, version, state, graph, limits) values (?, ?, 'draft', ?, ?)`, [w.id, next, JSON.stringify(graph), JSON.stringify(limits)]);
          await em.execute(`update workflow set draft_version = ? where id = ?`, [next, w.id]);
        } else {
          await em.execute(`update workflow_version set graph = ?, limits = ? where workflow_id = ? and version = ?`, [JSON.stringify(graph), JSON.stringify(limits), w.id, draft.version]);
        }
      }
      await em.execute(`update workflow set name = coalesce(?, name), description = case when ? then ? else description end, updated_at = now() where id = ?`, [
        req.name ?? null,
        req.description !== undefined,
        req.description ?? null,
        w.id,
      ]);
      return this.view(em, w.id);
    });
  }

  async get(workflowId: string): Promise<WorkflowView> {
    return this.view(this.orm.em.fork(), workflowId);
  }

  async list(req: ListWorkflowsRequest): Promise<Page<WorkflowView>> {
    const limit = req.limit ?? 50;
    const em = this.orm.em.fork();
    const rows = await em.execute<WorkflowRow[]>(`select ${W_COLS} from workflow where (?::uuid is null or id > ?::uuid) order by id limit ?`, [idCursor(req.cursor), idCursor(req.cursor), limit + 1]);
    const page = rows.slice(0, limit);
    const data = await Promise.all(page.map(async (w) => toWorkflowView(w, await this.version(em, w.id, w.draft_version))));
    return { data, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
  }

  async remove(workflowId: string): Promise<{ deleted: boolean }> {
    return this.orm.em.fork().transactional(async (em) => {
      await this.row(em, workflowId, true);
      const open = await em.execute<{ n: string }[]>(`select count(*) as n from run where workflow_id = ? and status in ('planning','running','awaiting_approval')`, [workflowId]);
      if (Number(open[0]?.n ?? 0) > 0) throw new RpcException(RpcErrorCode.Conflict, 'The workflow has a run in progress; cancel it first');
      await em.execute(`delete from workflow where id = ?`, [workflowId]);
      return { deleted: true };
    });
  }

  async versions(req: ListVersionsRequest): Promise<Page<WorkflowVersionView>> {
    const em = this.orm.em.fork();
    await this.row(em, req.workflowId);
    const limit = req.limit ?? 50;
    const before = versionCursor(req.cursor);
    const rows = await em.execute<VersionRow[]>(
      `select * from workflow_version where workflow_id = ? and (?::int is null or version < ?::int) order by version desc limit ?`,
      [req.workflowId, before, before, limit + 1],
    );
    const page = rows.slice(0, limit);
    return { data: page.map(toVersionView), nextCursor: rows.length > limit ? String(page.at(-1)?.version) : null };
  }

  async getVersion(workflowId: string, version: number): Promise<WorkflowVersionView> {
    return toVersionView(await this.version(this.orm.em.fork(), workflowId, version));
  }

  async validate(workflowId: string): Promise<{ ok: boolean; problems: WorkflowProblem[] }> {
    const em = this.orm.em.fork();
    const w = await this.row(em, workflowId);
    const problems = await this.problems((await this.version(em, w.id, w.draft_version)).graph);
    return { ok: problems.length === 0, problems };
  }

  /** draft|paused → active, freezing the draft; VALIDATION_FAILED with every problem otherwise. */
  async launch(workflowId: string): Promise<WorkflowView> {
    const w0 = await this.row(this.orm.em.fork(), workflowId);
    const draft0 = await this.version(this.orm.em.fork(), w0.id, w0.draft_version);
    const problems = await this.problems(draft0.graph);
    if (problems.length) throw graphInvalid(problems, 'The workflow cannot be launched');
    return this.orm.em.fork().transactional(async (em) => {
      const w = await this.row(em, workflowId, true);
      if (w.draft_version !== draft0.version) throw new RpcException(RpcErrorCode.Conflict, 'The workflow changed while it was being validated; launch again');
      const begin = new Graph(draft0.graph).begin().config as BlockConfigs['begin'];
      const next = begin.trigger === 'schedule' && begin.schedule ? nextFireAt(begin.schedule, new Date()) : null;
      await em.execute(`update workflow_version set state = 'frozen' where workflow_id = ? and version = ?`, [w.id, w.draft_version]);
      await em.execute(`update workflow set status = 'active', active_version = draft_version, trigger = ?, next_run_at = ?, updated_at = now() where id = ?`, [begin.trigger, next, w.id]);
      return this.view(em, w.id);
    });
  }

  async pause(workflowId: string): Promise<WorkflowView> {
    return this.orm.em.fork().transactional(async (em) => {
      const w = await this.row(em, workflowId, true);
      if (w.status !== 'active') throw new RpcException(RpcErrorCode.Conflict, `The workflow is ${w.status}, not active`);
      await em.execute(`update workflow set status = 'paused', next_run_at = null, updated_at = now() where id = ?`, [w.id]);
      return this.view(em, w.id);
    });
  }

  /** The count and first page of the SaaS users the draft's Begin block selects now. */
  async preview(req: PreviewWorkflowRequest): Promise<WorkflowPreview> {
    const em = this.orm.em.fork();
    const w = await this.row(em, req.workflowId);
    const graph = (await this.version(em, w.id, w.draft_version)).graph;
    const begin = graph.blocks.find((b) => b.type === 'begin');
    if (!begin) throw graphInvalid([{ blockId: null, field: 'blocks', message: 'the workflow has no Begin block' }], 'Nothing to preview');
    const sel = selection(begin.config as BlockConfigs['begin']);
    const [count, page] = await Promise.all([this.directory.count(sel), this.directory.page(sel, req.limit ?? 50, req.cursor)]);
    return { count, data: page.data, nextCursor: page.nextCursor };
  }

  private async problems(graph: WorkflowGraphDto): Promise<WorkflowProblem[]> {
    const checked = checkGraph(graph);
    return [...checked.problems, ...(await this.credentials.problems(checked.credentials))];
  }

  async row(em: EntityManager, id: string, lock = false): Promise<WorkflowRow> {
    const rows = await em.execute<WorkflowRow[]>(`select ${W_COLS} from workflow where id = ? ${lock ? 'for update' : ''}`, [id]);
    if (!rows[0]) throw new RpcException(RpcErrorCode.NotFound, `No workflow ${id}`);
    return rows[0];
  }

  async version(em: EntityManager, workflowId: string, version: number): Promise<VersionRow> {
    const rows = await em.execute<VersionRow[]>(`select * from workflow_version where workflow_id = ? and version = ?`, [workflowId, version]);
    if (!rows[0]) throw new RpcException(RpcErrorCode.NotFound, `Workflow ${workflowId} has no version ${version}`);
    return rows[0];
  }

  private async view(em: EntityManager, id: string): Promise<WorkflowView> {
    const w = await this.row(em, id);
    return toWorkflowView(w, await this.version(em, id, w.draft_version));
  }
}

/** Saving refuses what is wrong in the graph itself; the vault check waits for validate and launch. */
function assertShape(graph: WorkflowGraphDto): void {
  const { problems } = checkGraph(graph);
  if (problems.length) throw graphInvalid(problems);
}
