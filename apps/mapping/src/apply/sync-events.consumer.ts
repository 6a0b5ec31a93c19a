import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  SyncBatchFetchedV1,
  SyncRunFetchedV1,
  type EventEnvelope,
  type SyncBatchFetchedPayload,
  type SyncRunFetchedPayload,
} from '@seatkeeper/contracts';
import { OnEvent } from '@seatkeeper/platform-messaging';
import { SyncRunService } from './sync-run.service';

/** The sync service's pages and end-of-run facts; each is applied with its inbox entry in one transaction. */
@Injectable()
export class SyncEventsConsumer {
  constructor(private readonly runs: SyncRunService) {}

  @OnEvent(SyncBatchFetchedV1)
  async onBatchFetched(event: EventEnvelope<SyncBatchFetchedPayload>, em: EntityManager): Promise<void> {
    await this.runs.applyBatch(em, event.data);
  }

  @OnEvent(SyncRunFetchedV1)
  async onRunFetched(event: EventEnvelope<SyncRunFetchedPayload>, em: EntityManager): Promise<void> {
    await this.runs.runFetched(em, event.data);
  }
}
