import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { EventEnvelope, WorkflowRunSnapshot, WorkflowStepSnapshot } from '@seatkeeper/contracts';
import { WorkflowReadModelRepository } from '../read-models/workflow.repository';

/** A step that deleted the account at the vendor and succeeded freed one seat: it enters the realised-savings ledger. */
export const freesSeat = (s: Pick<WorkflowStepSnapshot, 'action' | 'outcome'>): boolean => s.action === 'vendor_delete' && s.outcome === 'succeeded';

/**
 * Workflow runs and their steps (the "workflow actions" list), and the realised-savings ledger.
 * Keyed by run and step ids, newest event wins (see WorkflowReadModelRepository).
 */
@Injectable()
export class WorkflowProjection {
  constructor(private readonly readModels: WorkflowReadModelRepository) {}

  run(em: EntityManager, e: EventEnvelope<WorkflowRunSnapshot>): Promise<void> {
    return this.readModels.upsertRun(em, e.data, e.occurredAt);
  }

  async step(em: EntityManager, e: EventEnvelope<WorkflowStepSnapshot>): Promise<void> {
    await this.readModels.upsertAction(em, e.data, e.occurredAt);
    if (freesSeat(e.data)) await this.readModels.recordRealisedSaving(em, e.data, e.occurredAt);
  }
}
