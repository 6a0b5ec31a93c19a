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
import { RunsRepository } from '../runs/runs.repository';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { toVersionView, toWorkflowView } from './workflow.rows';
import { WorkflowsRepository } from './workflows.repository';

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
    private readonly workflows: WorkflowsRepository,
    private readonly runs: RunsRepository,
    private readonly credentials: CredentialCheck,
    private readonly directory: DirectoryClient,
  ) {}

  async create(req: CreateWorkflowRequest): Promise<WorkflowView> {
    assertShape(req.graph);
    const id = uuidv7();
    const limits = { ...DEFAULT_LIMITS, ...req.limits };
    return this.orm.em.fork().transactional(async (em) => {
      await this.workflows.create(em, { id, name: req.name, description: req.description ?? null, type: req.type, graph: req.graph, limits });
      return this.view(em, id);
    });
  }

  async update(req: UpdateWorkflowRequest): Promise<WorkflowView> {
    if (req.graph) assertShape(req.graph);
    return this.orm.em.fork().transactional(async (em) => {
      const w = await this.workflows.get(em, req.workflowId, true);
      const draft = await this.workflows.version(em, w.id, w.draftVersion);
      const graph = req.graph ?? draft.graph;
      const limits: Limits = { ...draft.limits, ...req.limits };
      if (req.graph || req.limits) {
        if (draft.state === 'frozen') await this.workflows.addDraft(em, w, graph, limits);
        else {
          draft.graph = graph;
          draft.limits = limits;
        }
      }
      w.name = req.name ?? w.name;
      if (req.description !== undefined) w.description = req.description ?? null;
      w.updatedAt = new Date();
      await this.workflows.save(em);
      return this.view(em, w.id);
    });
  }

  async get(workflowId: string): Promise<WorkflowView> {
    return this.view(this.orm.em.fork(), workflowId);
  }

  async list(req: ListWorkflowsRequest): Promise<Page<WorkflowView>> {
    const limit = req.limit ?? 50;
    const em = this.orm.em.fork();
    const rows = await this.workflows.page(em, idCursor(req.cursor), limit + 1);
    const page = rows.slice(0, limit);
    const data = await Promise.all(page.map(async (w) => toWorkflowView(w, await this.workflows.version(em, w.id, w.draftVersion))));
    return { data, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
  }

  async remove(workflowId: string): Promise<{ deleted: boolean }> {
    return this.orm.em.fork().transactional(async (em) => {
      await this.workflows.get(em, workflowId, true);
      if (await this.runs.hasOpenRun(em, workflowId)) throw new RpcException(RpcErrorCode.Conflict, 'The workflow has a run in progress; cancel it first');
      await this.workflows.delete(em, workflowId);
      return { deleted: true };
    });
  }

  async versions(req: ListVersionsRequest): Promise<Page<WorkflowVersionView>> {
    const em = this.orm.em.fork();
    await this.workflows.get(em, req.workflowId);
    const limit = req.limit ?? 50;
    const rows = await this.workflows.versionsPage(em, req.workflowId, versionCursor(req.cursor), limit + 1);
    const page = rows.slice(0, limit);
    return { data: page.map(toVersionView), nextCursor: rows.length > limit ? String(page.at(-1)?.version) : null };
  }

  async getVersion(workflowId: string, version: number): Promise<WorkflowVersionView> {
    return toVersionView(await this.workflows.version(this.orm.em.fork(), workflowId, version));
  }

  async validate(workflowId: string): Promise<{ ok: boolean; problems: WorkflowProblem[] }> {
    const em = this.orm.em.fork();
    const w = await this.workflows.get(em, workflowId);
    const problems = await this.problems((await this.workflows.version(em, w.id, w.draftVersion)).graph);
    return { ok: problems.length === 0, problems };
  }

  /** draft|paused → active, freezing the draft; VALIDATION_FAILED with every problem otherwise. */
  async launch(workflowId: string): Promise<WorkflowView> {
    const w0 = await this.workflows.get(this.orm.em.fork(), workflowId);
    const draft0 = await this.workflows.version(this.orm.em.fork(), w0.id, w0.draftVersion);
    const problems = await this.problems(draft0.graph);
    if (problems.length) throw graphInvalid(problems, 'The workflow cannot be launched');
    return this.orm.em.fork().transactional(async (em) => {
      const w = await this.workflows.get(em, workflowId, true);
      if (w.draftVersion !== draft0.version) throw new RpcException(RpcErrorCode.Conflict, 'The workflow changed while it was being validated; launch again');
      const begin = new Graph(draft0.graph).begin().config as BlockConfigs['begin'];
      const next = begin.trigger === 'schedule' && begin.schedule ? nextFireAt(begin.schedule, new Date()) : null;
      (await this.workflows.version(em, w.id, w.draftVersion)).state = 'frozen';
      w.status = 'active';
      w.activeVersion = w.draftVersion;
      w.trigger = begin.trigger;
      w.nextRunAt = next;
      w.updatedAt = new Date();
      await this.workflows.save(em);
      return this.view(em, w.id);
    });
  }

  async pause(workflowId: string): Promise<WorkflowView> {
    return this.orm.em.fork().transactional(async (em) => {
      const w = await this.workflows.get(em, workflowId, true);
      if (w.status !== 'active') throw new RpcException(RpcErrorCode.Conflict, `The workflow is ${w.status}, not active`);
      w.status = 'paused';
      w.nextRunAt = null;
      w.updatedAt = new Date();
      await this.workflows.save(em);
      return this.view(em, w.id);
    });
  }

  /** The count and first page of the SaaS users the draft's Begin block selects now. */
  async preview(req: PreviewWorkflowRequest): Promise<WorkflowPreview> {
    const em = this.orm.em.fork();
    const w = await this.workflows.get(em, req.workflowId);
    const graph = (await this.workflows.version(em, w.id, w.draftVersion)).graph;
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

  private async view(em: EntityManager, id: string): Promise<WorkflowView> {
    const w = await this.workflows.get(em, id);
    return toWorkflowView(w, await this.workflows.version(em, id, w.draftVersion));
  }
}

/** Saving refuses what is wrong in the graph itself; the vault check waits for validate and launch. */
function assertShape(graph: WorkflowGraphDto): void {
  const { problems } = checkGraph(graph);
  if (problems.length) throw graphInvalid(problems);
}
