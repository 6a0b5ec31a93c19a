import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  SyncRunCompletedV1,
  SyncRunFailedV1,
  SyncRunFetchedV1,
  SyncRunStartedV1,
  type EventEnvelope,
  type SyncRunCompletedPayload,
  type SyncRunFailedPayload,
  type SyncRunFetchedPayload,
  type SyncRunStartedPayload,
} from '@seatkeeper/contracts';
import { OnEvent } from '@seatkeeper/platform-messaging';
import { SyncRunsRepository } from '../read-models/sync-runs.repository';

/** sync.run.*: the runs list. Batches share the SYNC stream and are passed over (no handler). */
@Injectable()
export class SyncEventsConsumer {
  constructor(private readonly syncRuns: SyncRunsRepository) {}

  @OnEvent(SyncRunStartedV1)
  onStarted(e: EventEnvelope<SyncRunStartedPayload>, em: EntityManager) {
    return this.syncRuns.started(em, e.data, e.occurredAt);
  }

  @OnEvent(SyncRunFetchedV1)
  onFetched(e: EventEnvelope<SyncRunFetchedPayload>, em: EntityManager) {
    return this.syncRuns.fetched(em, e.data, e.occurredAt);
  }

  @OnEvent(SyncRunCompletedV1)
  onCompleted(e: EventEnvelope<SyncRunCompletedPayload>, em: EntityManager) {
    return this.syncRuns.completed(em, e.data, e.occurredAt);
  }

  @OnEvent(SyncRunFailedV1)
  onFailed(e: EventEnvelope<SyncRunFailedPayload>, em: EntityManager) {
    return this.syncRuns.failed(em, e.data, e.occurredAt);
  }
}
