import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from './audit-entry.entity';

/** A new row of `gateway.audit_log`. */
export interface NewAuditEntry {
  id: string;
  occurredAt: Date;
  actorTokenId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  status: number;
  requestId: string | null;
}

/** `gateway.audit_log` through the `AuditEntry` entity; no SQL text. */
export const AuditRepository = {
  /** One insert, bypassing the identity map: audit rows are written and never read back here. */
  async insert(em: EntityManager, entry: NewAuditEntry): Promise<void> {
    await em.insert(AuditEntry, entry);
  },

  /** Newest first on (occurred_at, id); one row more than `limit`, so the caller knows whether there is a next page. */
  async findPage(em: EntityManager, conditions: FilterQuery<AuditEntry>[], limit: number): Promise<AuditEntry[]> {
    return em.find(AuditEntry, { $and: conditions }, { orderBy: { occurredAt: 'desc', id: 'desc' }, limit: limit + 1 });
  },
};
