import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SaasUserStatus } from '@seatkeeper/contracts';
import { executeBound } from '@seatkeeper/platform-persistence';
import { compileToSql, type Rule } from '@seatkeeper/rules';
import { SAAS_USERS_CATALOG } from './directory.catalogs';
import type { SaasUserRow } from './rows';

const SAAS_USER_SELECT = `id, saas_app_id, integration_id, external_id, person_id, email, vendor_role, type, invitation_sent,
  license, last_activity_at, last_activity_source, status, deactivated_reason, deactivated_at, missing_upstream_since,
  created_at, updated_at`;
/** The same columns qualified by the alias `s` (for joins and `update … from` returning). */
const S_COLUMNS = SAAS_USER_SELECT.split(',').map((c) => `s.${c.trim()}`).join(', ');

/** The joins every directory read of SaaS users filters over: the rules catalog names `s`, `a` and `p`. */
const LIST_FROM = `from saas_user s join saas_app a on a.id = s.saas_app_id left join person p on p.id = s.person_id`;
const LIST_SELECT = `${S_COLUMNS},
  a.name as app_name, a.vendor, p.email as p_email, p.full_name as p_full_name, p.employment_status as p_employment_status
  ${LIST_FROM}`;

/** The columns a sync writes, with their SQL types for the JSON record set. */
const WRITE_COLUMNS = [
  ['saas_app_id', 'uuid'],
  ['integration_id', 'uuid'],
  ['external_id', 'text'],
  ['person_id', 'uuid'],
  ['email', 'text'],
  ['vendor_role', 'text'],
  ['type', 'text'],
  ['invitation_sent', 'boolean'],
  ['license', 'text'],
  ['last_activity_at', 'timestamptz'],
  ['last_activity_source', 'text'],
  ['status', 'text'],
  ['deactivated_reason', 'text'],
  ['deactivated_at', 'timestamptz'],
  ['missing_upstream_since', 'timestamptz'],
] as const;
type WriteColumn = (typeof WRITE_COLUMNS)[number][0];
/** A new account starts active, never missing: the database defaults these. */
const INSERT_COLUMNS = WRITE_COLUMNS.map(([c]) => c).filter((c) => !['status', 'deactivated_reason', 'deactivated_at', 'missing_upstream_since'].includes(c));
const WRITE_RECORDSET = `jsonb_to_recordset(?::jsonb) as x(id uuid, ${WRITE_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')})`;

/** A SaaS user row as a sync writes it (timestamps as ISO text). An update carries every column. */
export type SaasUserWrite = { id: string } & Partial<Record<WriteColumn, unknown>>;

/** A SaaS user with its app and (when linked) its person, as the directory lists them. */
export interface SaasUserListRow extends SaasUserRow {
  app_name: string;
  vendor: string;
  p_email: string | null;
  p_full_name: string | null;
  p_employment_status: string | null;
}

export type SaasUserWithVendor = SaasUserRow & { vendor: string };

export interface SaasUserQuery {
  filter?: Rule;
  saasAppId?: string;
  personId?: string;
  status?: SaasUserStatus;
}

/** One reconciled account: marked missing upstream, and deactivated when `deactivate`. */
export interface MissingMark {
  id: string;
  deactivate: boolean;
}

function where(q: SaasUserQuery): { sql: string; params: unknown[] } {
  const f = q.filter ? compileToSql(q.filter, SAAS_USERS_CATALOG, { now: new Date(), placeholder: 'knex' }) : { sql: 'true', params: [] };
  const clauses = [f.sql];
  const params = [...f.params];
  const add = (clause: string, value: unknown): void => {
    clauses.push(clause);
    params.push(value);
  };
  if (q.saasAppId) add('s.saas_app_id = ?', q.saasAppId);
  if (q.personId) add('s.person_id = ?', q.personId);
  if (q.status) add('s.status = ?', q.status);
  return { sql: clauses.join(' and '), params };
}

/**
 * The SaaS user aggregate (`saas_user`): one account of a person in one app, from one integration.
 *
 * The sync's functions (`lockByExternalIds`, `findMany`, `insertMany`, `updateMany`) are the hot
 * path of a page of up to 500 records: one statement each, the page bound as one JSON parameter
 * (`executeBound`) and read with `jsonb_to_recordset`. Look-ups by a page's ids are written
 * `col = any(array(select … from jsonb…))`, not `col in (select … from jsonb…)`: Postgres plans
 * the latter as a hash semi-join over a sequential scan of the whole table (one scan per page:
 * quadratic in a first sync), the former as an index scan.
 */
@Injectable()
export class SaasUserRepository {
  /** The app's accounts with these vendor ids, locked (`for update`, in id order) until the transaction ends. */
  async lockByExternalIds(em: EntityManager, saasAppId: string, externalIds: readonly string[]): Promise<SaasUserRow[]> {
    if (externalIds.length === 0) return [];
    return executeBound<SaasUserRow[]>(
      em,
      `select ${SAAS_USER_SELECT} from saas_user where saas_app_id = ?
       and external_id = any(array(select jsonb_array_elements_text(?::jsonb))) order by id for update`,
      [saasAppId, JSON.stringify(externalIds)],
    );
  }

  async findMany(em: EntityManager, ids: readonly string[]): Promise<SaasUserRow[]> {
    if (ids.length === 0) return [];
    return executeBound<SaasUserRow[]>(
      em,
      `select ${SAAS_USER_SELECT} from saas_user where id = any(array(select (jsonb_array_elements_text(?::jsonb))::uuid))`,
      [JSON.stringify(ids)],
    );
  }

  async insertMany(em: EntityManager, rows: readonly SaasUserWrite[]): Promise<void> {
    if (rows.length === 0) return;
    await executeBound(em, `insert into saas_user (id, ${INSERT_COLUMNS.join(', ')}) select id, ${INSERT_COLUMNS.map((c) => `x.${c}`).join(', ')} from ${WRITE_RECORDSET}`, [
      JSON.stringify(rows),
    ]);
  }

  async updateMany(em: EntityManager, rows: readonly SaasUserWrite[]): Promise<void> {
    if (rows.length === 0) return;
    await executeBound(
      em,
      `update saas_user s set ${WRITE_COLUMNS.map(([c]) => `${c} = x.${c}`).join(', ')}, updated_at = now() from ${WRITE_RECORDSET} where s.id = x.id`,
      [JSON.stringify(rows)],
    );
  }

  /** The integration's accounts (not deleted) that no page of the run returned, locked until the transaction ends. */
  async lockMissingFromRun(em: EntityManager, q: { runId: string; saasAppId: string; integrationId: string }): Promise<SaasUserRow[]> {
    return em.execute<SaasUserRow[]>(
      // NOT IN over a materialised set plans as a hashed subplan whatever the (often stale)
      // statistics say; an anti-join planned for "1 row" went quadratic at a few thousand users.
      `with seen as materialized (
         select distinct jsonb_array_elements_text(seen_external_ids) as external_id from sync_run_batch where run_id = ?)
       select ${SAAS_USER_SELECT} from saas_user s
       where s.saas_app_id = ? and s.integration_id = ? and s.status <> 'deleted'
         and s.external_id not in (select external_id from seen)
       order by s.id for update`,
      [q.runId, q.saasAppId, q.integrationId],
    );
  }

  /** How many accounts of the integration (in the app) are not deleted. */
  async countLive(em: EntityManager, saasAppId: string, integrationId: string): Promise<number> {
    const [row] = await em.execute<{ total: string }[]>(
      `select count(*) as total from saas_user where saas_app_id = ? and integration_id = ? and status <> 'deleted'`,
      [saasAppId, integrationId],
    );
    return Number(row?.total ?? 0);
  }

  /** Marks the accounts missing upstream (keeping an earlier mark's time); those with `deactivate` are deactivated with the reason. */
  async markMissing(em: EntityManager, marks: readonly MissingMark[], deactivatedReason: string): Promise<SaasUserRow[]> {
    if (marks.length === 0) return [];
    return em.execute<SaasUserRow[]>(
      `update saas_user s set
         missing_upstream_since = coalesce(s.missing_upstream_since, now()),
         status = case when x.deactivate then 'deactivated' else s.status end,
         deactivated_reason = case when x.deactivate then ? else s.deactivated_reason end,
         deactivated_at = case when x.deactivate then now() else s.deactivated_at end,
         updated_at = now()
       from jsonb_to_recordset(?::jsonb) as x(id uuid, deactivate boolean)
       where s.id = x.id
       returning ${S_COLUMNS}`,
      [deactivatedReason, JSON.stringify(marks)],
    );
  }

  /** One page in id order after the cursor; one row more than `limit` tells there is a next page. */
  async list(em: EntityManager, q: SaasUserQuery & { afterId?: string; limit: number }): Promise<SaasUserListRow[]> {
    const w = where(q);
    const after = q.afterId ? { sql: ' and s.id > ?', params: [q.afterId] } : { sql: '', params: [] };
    return em.execute<SaasUserListRow[]>(`select ${LIST_SELECT} where ${w.sql}${after.sql} order by s.id limit ?`, [
      ...w.params,
      ...after.params,
      q.limit + 1,
    ]);
  }

  async count(em: EntityManager, q: SaasUserQuery): Promise<number> {
    const w = where(q);
    const rows = await em.execute<{ n: string }[]>(`select count(*) as n ${LIST_FROM} where ${w.sql}`, w.params);
    return Number(rows[0]?.n ?? 0);
  }

  async findListRow(em: EntityManager, saasUserId: string): Promise<SaasUserListRow | null> {
    const rows = await em.execute<SaasUserListRow[]>(`select ${LIST_SELECT} where s.id = ?`, [saasUserId]);
    return rows[0] ?? null;
  }

  /** The account with its app's vendor, locked until the transaction ends. */
  async lockWithVendor(em: EntityManager, saasUserId: string): Promise<SaasUserWithVendor | null> {
    const rows = await em.execute<SaasUserWithVendor[]>(
      `select ${S_COLUMNS}, a.vendor from saas_user s join saas_app a on a.id = s.saas_app_id where s.id = ? for update of s`,
      [saasUserId],
    );
    return rows[0] ?? null;
  }

  /** An operator's status change: deactivated (with the reason, now) or active again (reason and time cleared). */
  async setStatus(em: EntityManager, saasUserId: string, status: 'active' | 'deactivated', reason: string | null): Promise<SaasUserRow> {
    const [updated] = await em.execute<SaasUserRow[]>(
      `update saas_user set status = ?, deactivated_reason = ?, deactivated_at = case when ? = 'deactivated' then now() else null end,
         updated_at = now() where id = ? returning ${SAAS_USER_SELECT}`,
      [status, reason, status, saasUserId],
    );
    return updated as SaasUserRow;
  }

  /** Deleted in the vendor: status `deleted`, the reason, and the first deactivation time kept. */
  async markDeleted(em: EntityManager, saasUserId: string, reason: string): Promise<SaasUserRow> {
    const [updated] = await em.execute<SaasUserRow[]>(
      `update saas_user set status = 'deleted', deactivated_reason = ?, deactivated_at = coalesce(deactivated_at, now()), updated_at = now()
       where id = ? returning ${SAAS_USER_SELECT}`,
      [reason, saasUserId],
    );
    return updated as SaasUserRow;
  }

  /**
   * Sets vendor roles in one statement; only accounts that are not deleted and whose role differs
   * are written (and locked), each returned with its previous role and its app's vendor.
   */
  async setRoles(
    em: EntityManager,
    updates: readonly { saasUserId: string; vendorRole: string }[],
  ): Promise<(SaasUserWithVendor & { old_role: string | null })[]> {
    return executeBound<(SaasUserWithVendor & { old_role: string | null })[]>(
      em,
      `with input as (select * from unnest(?::uuid[], ?::text[]) as t(id, role)),
       old as (select s.id, s.vendor_role as old_role from saas_user s join input i on i.id = s.id
               where s.status <> 'deleted' and s.vendor_role is distinct from i.role for update of s)
       update saas_user s set vendor_role = i.role, updated_at = now()
       from input i, old o where s.id = i.id and o.id = s.id
       returning ${S_COLUMNS}, o.old_role, (select vendor from saas_app where id = s.saas_app_id) as vendor`,
      [updates.map((u) => u.saasUserId), updates.map((u) => u.vendorRole)],
    );
  }

  /** Which of these ids name an account (in any status). */
  async existingIds(em: EntityManager, ids: readonly string[]): Promise<string[]> {
    const rows = await executeBound<{ id: string }[]>(em, `select id from saas_user where id = any(?::uuid[])`, [ids]);
    return rows.map((r) => r.id);
  }
}
