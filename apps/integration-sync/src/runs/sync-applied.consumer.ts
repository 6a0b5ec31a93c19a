import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DirectorySyncAppliedV1, SyncRunCompletedV1, type DirectorySyncAppliedPayload, type EventEnvelope } from '@seatkeeper/contracts';
import { OnEvent, OutboxWriter } from '@seatkeeper/platform-messaging';
import { RunsRepository } from './runs.repository';

/** Closes a run when mapping reports its batches applied: `completed` if it was complete, else `incomplete`. */
@Injectable()
export class SyncAppliedConsumer {
  constructor(
    private readonly runs: RunsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  @OnEvent(DirectorySyncAppliedV1, { group: 'sync-applied' })
  async onApplied(event: EventEnvelope<DirectorySyncAppliedPayload>, em: EntityManager): Promise<void> {
    const d = event.data;
    const current = await this.runs.find(em, d.runId);
    if (!current) return; // a run of a deleted integration, or of another deployment
    const status = current.complete && d.complete ? 'completed' : 'incomplete';
    const closed = await this.runs.close(em, d.runId, {
      status,
      applied: d.created + d.updated + d.unchanged,
      quarantined: d.quarantined,
    });
    if (!closed) return; // already closed (failed, or a redelivery)
    await this.outbox.add(
      em,
      SyncRunCompletedV1,
      {
        runId: closed.id,
        integrationId: closed.integration_id,
        status,
        fetched: closed.fetched,
        pages: closed.batches,
        quarantined: d.quarantined,
        ...(closed.reason ? { reason: closed.reason.slice(0, 2000) } : {}),
      },
      { causationId: event.id },
    );
  }
}
