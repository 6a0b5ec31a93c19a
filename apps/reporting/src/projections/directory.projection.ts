import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { EventEnvelope, PersonSnapshot, SaasUserSnapshot } from '@seatkeeper/contracts';
import { DirectoryReadModelRepository, type PersonReadRow, type SaasUserReadRow } from '../read-models/directory.repository';
import { inRounds } from './rounds';

/**
 * People and SaaS users as the directory last described them, projected a pulled batch at a
 * time: a first sync sends two events per user, and one statement per table per batch is what
 * keeps reporting beside mapping instead of behind it. An entity named twice in one batch is
 * written in rounds (see inRounds), so the outcome is the one of applying the events in order.
 */
@Injectable()
export class DirectoryProjection {
  constructor(private readonly readModels: DirectoryReadModelRepository) {}

  async people(em: EntityManager, events: EventEnvelope<PersonSnapshot>[]): Promise<void> {
    for (const round of inRounds(events, (e) => e.data.personId)) {
      await this.readModels.upsertPeople(em, round.map(personRow));
    }
  }

  async saasUsers(em: EntityManager, events: EventEnvelope<SaasUserSnapshot>[]): Promise<void> {
    for (const round of inRounds(events, (e) => e.data.saasUserId)) {
      const rows = round.map(saasUserRow);
      // The history is read against the rows before this round changes them.
      await this.readModels.recordStatusChanges(em, rows);
      await this.readModels.upsertSaasUsers(em, rows);
    }
  }
}

function personRow({ data: p, occurredAt }: EventEnvelope<PersonSnapshot>): PersonReadRow {
  return {
    person_id: p.personId,
    email: p.email,
    username: p.username ?? null,
    full_name: p.fullName ?? null,
    job_title: p.jobTitle ?? null,
    department: p.department ?? null,
    directory_role: p.directoryRole ?? null,
    employment_status: p.employmentStatus ?? null,
    termination_date: p.terminationDate ?? null,
    at: occurredAt,
  };
}

function saasUserRow({ id, data: u, occurredAt }: EventEnvelope<SaasUserSnapshot>): SaasUserReadRow {
  return {
    event_id: id,
    saas_user_id: u.saasUserId,
    saas_app_id: u.saasAppId,
    vendor: u.vendor ?? null,
    person_id: u.personId ?? null,
    external_id: u.externalId,
    email: u.email ?? null,
    vendor_role: u.vendorRole ?? null,
    type: u.type ?? null,
    license: u.license ?? null,
    invitation_sent: u.invitationSent ?? null,
    status: u.status,
    deactivated_reason: u.deactivatedReason ?? null,
    last_activity_at: u.lastActivityAt ?? null,
    missing_upstream_since: u.missingUpstreamSince ?? null,
    at: occurredAt,
  };
}
