import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RpcErrorCode, type WorkflowGraphDto, type WorkflowTrigger, type WorkflowType } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { WorkflowVersion } from './workflow-version.entity';
import { Workflow } from './workflow.entity';
import type { Limits } from './limits';

export interface NewWorkflow {
  id: string;
  name: string;
  description: string | null;
  type: WorkflowType;
  graph: WorkflowGraphDto;
  limits: Limits;
}

/**
 * The workflow aggregate: a definition and its versions, through MikroORM entities. Every
 * function works in the caller's EntityManager, so it stays in the caller's transaction; a
 * change is flushed before the function returns, so later raw statements in that transaction
 * (a run queued by the schedule claimer) come after it, as they did when this was SQL.
 */
@Injectable()
export class WorkflowsRepository {
  /** The workflow, locked FOR UPDATE when `lock` (the caller is in a transaction); NOT_FOUND otherwise. */
  async get(em: EntityManager, id: string, lock = false): Promise<Workflow> {
    const w = await em.findOne(Workflow, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
    if (!w) throw new RpcException(RpcErrorCode.NotFound, `No workflow ${id}`);
    return w;
  }

  async version(em: EntityManager, workflowId: string, version: number): Promise<WorkflowVersion> {
    const v = await em.findOne(WorkflowVersion, { workflowId, version });
    if (!v) throw new RpcException(RpcErrorCode.NotFound, `Workflow ${workflowId} has no version ${version}`);
    return v;
  }

  /** Up to `limit` workflows by id, after the cursor's. */
  async page(em: EntityManager, after: string | null, limit: number): Promise<Workflow[]> {
    return em.find(Workflow, after ? { id: { $gt: after } } : {}, { orderBy: { id: 'asc' }, limit });
  }

  /** Up to `limit` versions of a workflow, newest first, before the cursor's. */
  async versionsPage(em: EntityManager, workflowId: string, before: number | null, limit: number): Promise<WorkflowVersion[]> {
    const where: FilterQuery<WorkflowVersion> = before === null ? { workflowId } : { workflowId, version: { $lt: before } };
    return em.find(WorkflowVersion, where, { orderBy: { version: 'desc' }, limit });
  }

  /** A new workflow with its first draft version. */
  async create(em: EntityManager, w: NewWorkflow): Promise<Workflow> {
    const workflow = em.create(Workflow, { id: w.id, name: w.name, description: w.description, type: w.type });
    // The version's foreign key needs the workflow first; the entities know no relation to order them by.
    await em.flush();
    em.create(WorkflowVersion, { workflowId: w.id, version: 1, state: 'draft', graph: w.graph, limits: w.limits });
    await em.flush();
    return workflow;
  }

  /** A new draft version after a frozen one; the workflow points its draft at it. */
  async addDraft(em: EntityManager, w: Workflow, graph: WorkflowGraphDto, limits: Limits): Promise<void> {
    const next = w.draftVersion + 1;
    em.create(WorkflowVersion, { workflowId: w.id, version: next, state: 'draft', graph, limits });
    w.draftVersion = next;
    await em.flush();
  }

  /** The changes made to loaded entities (a draft's graph, a workflow's name, status or next run), written now. */
  async save(em: EntityManager): Promise<void> {
    await em.flush();
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.nativeDelete(Workflow, { id });
  }

  /** The active workflows a directory event of this trigger starts (one look-up per pulled batch). */
  async activeWith(em: EntityManager, trigger: WorkflowTrigger): Promise<Pick<Workflow, 'id' | 'name' | 'activeVersion'>[]> {
    return em.find(Workflow, { status: 'active', trigger }, { fields: ['id', 'name', 'activeVersion'] });
  }

  /**
   * Active scheduled workflows whose time has come, oldest first, locked FOR UPDATE SKIP LOCKED:
   * a replica's tick skips what another replica's tick holds.
   */
  async claimDue(em: EntityManager, now: Date, limit: number): Promise<Workflow[]> {
    return em.find(
      Workflow,
      { status: 'active', trigger: 'schedule', nextRunAt: { $lte: now } },
      { orderBy: { nextRunAt: 'asc' }, limit, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
    );
  }
}
