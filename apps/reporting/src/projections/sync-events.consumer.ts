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
import { SyncRunsProjection } from './sync-runs.projection';

/** sync.run.*: the runs list. Batches share the SYNC stream and are passed over (no handler). */
@Injectable()
export class SyncEventsConsumer {
  @OnEvent(SyncRunStartedV1)
  onStarted(e: EventEnvelope<SyncRunStartedPayload>, em: EntityManager) {
    return SyncRunsProjection.started(em, e);
  }

  @OnEvent(SyncRunFetchedV1)
  onFetched(e: EventEnvelope<SyncRunFetchedPayload>, em: EntityManager) {
    return SyncRunsProjection.fetched(em, e);
  }

  @OnEvent(SyncRunCompletedV1)
  onCompleted(e: EventEnvelope<SyncRunCompletedPayload>, em: EntityManager) {
    return SyncRunsProjection.completed(em, e);
  }

  @OnEvent(SyncRunFailedV1)
  onFailed(e: EventEnvelope<SyncRunFailedPayload>, em: EntityManager) {
    return SyncRunsProjection.failed(em, e);
  }
}
