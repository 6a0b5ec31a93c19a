import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { FilterQuery } from '@mikro-orm/core';
import type { AuditEntry } from './audit-entry.entity';
import { AuditRepository, type NewAuditEntry } from './audit.repository';

/** What a caller records; the log adds the entry's id and time. */
export type AuditRecord = Omit<NewAuditEntry, 'id' | 'occurredAt'>;

export interface AuditFilter {
  actor?: string;
  action?: string;
  since?: Date;
  until?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const METHOD = /^(POST|PUT|PATCH|DELETE)$/;

/** Writes and queries the admin audit log (`gateway.audit_log`). */
@Injectable()
export class AuditLogService {
  private readonly log = new Logger(AuditLogService.name);

  constructor(private readonly em: EntityManager) {}

  async record(entry: AuditRecord): Promise<void> {
    // A JS date (millisecond precision), so cursors made from it compare exactly.
    await AuditRepository.insert(this.em.fork(), { id: uuidv7(), occurredAt: new Date(), ...entry });
  }

  /** Off the request path; a failure is logged loudly rather than failing an answer already sent. */
  recordInBackground(entry: AuditRecord): void {
    this.record(entry).catch((e: unknown) =>
      this.log.error({ action: entry.action, requestId: entry.requestId, err: (e as Error).message }, 'audit record lost'),
    );
  }

  /** Newest first, keyset-paged on (occurred_at, id). `actor` is a token id or a token name; `action` is `METHOD /route` or a method. */
  async query(filter: AuditFilter, limit: number, before?: [string, string]): Promise<AuditEntry[]> {
    const where: FilterQuery<AuditEntry>[] = [];
    if (filter.actor) where.push(UUID.test(filter.actor) ? { actorTokenId: filter.actor.toLowerCase() } : { actorName: filter.actor });
    if (filter.action) where.push(METHOD.test(filter.action) ? { action: { $like: `${filter.action} %` } } : { action: filter.action });
    if (filter.since) where.push({ occurredAt: { $gte: filter.since } });
    if (filter.until) where.push({ occurredAt: { $lt: filter.until } });
    if (before) {
      const at = new Date(before[0]);
      where.push({ $or: [{ occurredAt: { $lt: at } }, { occurredAt: at, id: { $lt: before[1] } }] });
    }
    return AuditRepository.findPage(this.em.fork(), where, limit);
  }
}
