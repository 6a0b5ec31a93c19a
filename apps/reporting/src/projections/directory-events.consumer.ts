import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  DirectorySyncAppliedV1,
  PersonCreatedV1,
  PersonUpdatedV1,
  SaasUserCreatedV1,
  SaasUserDeactivatedV1,
  SaasUserDeletedV1,
  SaasUserReactivatedV1,
  SaasUserUpdatedV1,
  type DirectorySyncAppliedPayload,
  type EventEnvelope,
  type PersonSnapshot,
  type SaasUserSnapshot,
} from '@seatkeeper/contracts';
import { OnEvent, OnEvents } from '@seatkeeper/platform-messaging';
import { DirectoryProjection } from './directory.projection';
import { SyncRunsRepository } from '../read-models/sync-runs.repository';

/**
 * directory.*: projected with their inbox rows in the pulled batch's transaction (exactly once);
 * people and SaaS users a run of events at a time (`@OnEvents`), one statement per table.
 */
@Injectable()
export class DirectoryEventsConsumer {
  constructor(
    private readonly directory: DirectoryProjection,
    private readonly syncRuns: SyncRunsRepository,
  ) {}

  @OnEvents(PersonCreatedV1)
  onPersonCreated(events: EventEnvelope<PersonSnapshot>[], em: EntityManager) {
    return this.directory.people(em, events);
  }

  @OnEvents(PersonUpdatedV1)
  onPersonUpdated(events: EventEnvelope<PersonSnapshot>[], em: EntityManager) {
    return this.directory.people(em, events);
  }

  @OnEvents(SaasUserCreatedV1)
  onSaasUserCreated(events: EventEnvelope<SaasUserSnapshot>[], em: EntityManager) {
    return this.directory.saasUsers(em, events);
  }

  @OnEvents(SaasUserUpdatedV1)
  onSaasUserUpdated(events: EventEnvelope<SaasUserSnapshot>[], em: EntityManager) {
    return this.directory.saasUsers(em, events);
  }

  @OnEvents(SaasUserDeactivatedV1)
  onSaasUserDeactivated(events: EventEnvelope<SaasUserSnapshot>[], em: EntityManager) {
    return this.directory.saasUsers(em, events);
  }

  @OnEvents(SaasUserReactivatedV1)
  onSaasUserReactivated(events: EventEnvelope<SaasUserSnapshot>[], em: EntityManager) {
    return this.directory.saasUsers(em, events);
  }

  @OnEvents(SaasUserDeletedV1)
  onSaasUserDeleted(events: EventEnvelope<SaasUserSnapshot>[], em: EntityManager) {
    return this.directory.saasUsers(em, events);
  }

  @OnEvent(DirectorySyncAppliedV1)
  onSyncApplied(e: EventEnvelope<DirectorySyncAppliedPayload>, em: EntityManager) {
    return this.syncRuns.applied(em, e.data, e.occurredAt);
  }
}
