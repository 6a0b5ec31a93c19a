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
import { OnEvent } from '@seatkeeper/platform-messaging';
import { DirectoryProjection } from './directory.projection';
import { SyncRunsProjection } from './sync-runs.projection';

/** directory.*: each event is projected with its inbox row in one transaction (exactly once). */
@Injectable()
export class DirectoryEventsConsumer {
  @OnEvent(PersonCreatedV1)
  onPersonCreated(e: EventEnvelope<PersonSnapshot>, em: EntityManager) {
    return DirectoryProjection.person(em, e);
  }

  @OnEvent(PersonUpdatedV1)
  onPersonUpdated(e: EventEnvelope<PersonSnapshot>, em: EntityManager) {
    return DirectoryProjection.person(em, e);
  }

  @OnEvent(SaasUserCreatedV1)
  onSaasUserCreated(e: EventEnvelope<SaasUserSnapshot>, em: EntityManager) {
    return DirectoryProjection.saasUser(em, e);
  }

  @OnEvent(SaasUserUpdatedV1)
  onSaasUserUpdated(e: EventEnvelope<SaasUserSnapshot>, em: EntityManager) {
    return DirectoryProjection.saasUser(em, e);
  }

  @OnEvent(SaasUserDeactivatedV1)
  onSaasUserDeactivated(e: EventEnvelope<SaasUserSnapshot>, em: EntityManager) {
    return DirectoryProjection.saasUser(em, e);
  }

  @OnEvent(SaasUserReactivatedV1)
  onSaasUserReactivated(e: EventEnvelope<SaasUserSnapshot>, em: EntityManager) {
    return DirectoryProjection.saasUser(em, e);
  }

  @OnEvent(SaasUserDeletedV1)
  onSaasUserDeleted(e: EventEnvelope<SaasUserSnapshot>, em: EntityManager) {
    return DirectoryProjection.saasUser(em, e);
  }

  @OnEvent(DirectorySyncAppliedV1)
  onSyncApplied(e: EventEnvelope<DirectorySyncAppliedPayload>, em: EntityManager) {
    return SyncRunsProjection.applied(em, e);
  }
}
