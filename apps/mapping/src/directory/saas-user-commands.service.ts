import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  RpcErrorCode,
  SaasUserDeletedV1,
  SaasUserUpdatedV1,
  type CountSaasUsersRequest,
  type MarkSaasUserDeletedRequest,
  type SaasUserView,
  type SetSaasUserRolesRequest,
} from '@seatkeeper/contracts';
import { OutboxWriter, RpcException } from '@seatkeeper/platform-messaging';
import { SAAS_USERS_CATALOG } from './directory.catalogs';
import { DirectoryService, filterSql } from './directory.service';
import { SAAS_USER_SELECT, saasUserSnapshot, type SaasUserRow } from './rows';

const S_COLUMNS = SAAS_USER_SELECT.split(',').map((c) => `s.${c.trim()}`).join(', ');

/** What workflows ask of the directory: counts for previews and the gate, roles read from the vendor, deletions done in the vendor. */
@Injectable()
export class SaasUserCommandsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: OutboxWriter,
    private readonly directory: DirectoryService,
  ) {}

  async count(req: CountSaasUsersRequest): Promise<{ count: number }> {
    const f = filterSql(req.filter, SAAS_USERS_CATALOG);
    const where = [f.sql];
    const params = [...f.params];
    if (req.saasAppId) {
      where.push('s.saas_app_id = ?');
      params.push(req.saasAppId);
    }
    if (req.status) {
      where.push('s.status = ?');
      params.push(req.status);
    }
    const rows = await this.orm.em.fork().execute<{ n: string }[]>(
      `select count(*) as n from saas_user s join saas_app a on a.id = s.saas_app_id left join person p on p.id = s.person_id where ${where.join(' and ')}`,
      params,
    );
    return { count: Number(rows[0]?.n ?? 0) };
  }

  /** One statement for the batch; an event per account whose role really changed. Deleted accounts are left alone. */
  async setRoles(req: SetSaasUserRolesRequest): Promise<{ updated: number; unchanged: number; missing: string[] }> {
    return this.orm.em.fork().transactional(async (em) => {
      const ids = req.updates.map((u) => u.saasUserId);
      const roles = req.updates.map((u) => u.vendorRole);
      const changed = await em.execute<(SaasUserRow & { vendor: string; old_role: string | null })[]>(
        `with input as (select * from unnest(?::uuid[], ?::text[]) as t(id, role)),
         old as (select s.id, s.vendor_role as old_role from saas_user s join input i on i.id = s.id
                 where s.status <> 'deleted' and s.vendor_role is distinct from i.role for update of s)
         update saas_user s set vendor_role = i.role, updated_at = now()
         from input i, old o where s.id = i.id and o.id = s.id
         returning ${S_COLUMNS}, o.old_role, (select vendor from saas_app where id = s.saas_app_id) as vendor`,
        [`{${ids.join(',')}}`, toPgArray(roles)],
      );
      const known = await em.execute<{ id: string }[]>(`select id from saas_user where id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
      const knownIds = new Set(known.map((r) => r.id));
      await this.outbox.addMany(
        em,
        SaasUserUpdatedV1,
        changed.map((row) => ({
          data: saasUserSnapshot(row, row.vendor, { vendorRole: { from: row.old_role, to: row.vendor_role } }),
          entityKey: `saas-user:${row.id}`,
        })),
      );
      const missing = ids.filter((id) => !knownIds.has(id));
      return { updated: changed.length, unchanged: ids.length - changed.length - missing.length, missing };
    });
  }

  async markDeleted(req: MarkSaasUserDeletedRequest): Promise<SaasUserView> {
    return this.orm.em.fork().transactional(async (em) => {
      const rows = await em.execute<(SaasUserRow & { vendor: string })[]>(
        `select ${S_COLUMNS}, a.vendor from saas_user s join saas_app a on a.id = s.saas_app_id where s.id = ? for update of s`,
        [req.saasUserId],
      );
      const su = rows[0];
      if (!su) throw new RpcException(RpcErrorCode.NotFound, `No SaaS user ${req.saasUserId}`);
      if (su.status === 'deleted') return this.directory.getSaasUser(req.saasUserId, em);
      const [updated] = (await em.execute<SaasUserRow[]>(
        `update saas_user set status = 'deleted', deactivated_reason = ?, deactivated_at = coalesce(deactivated_at, now()), updated_at = now()
         where id = ? returning ${SAAS_USER_SELECT}`,
        [req.reason, req.saasUserId],
      )) as [SaasUserRow];
      await this.outbox.add(em, SaasUserDeletedV1, saasUserSnapshot(updated, su.vendor, { status: 'deleted', deactivatedReason: req.reason }), {
        entityKey: `saas-user:${req.saasUserId}`,
      });
      return this.directory.getSaasUser(req.saasUserId, em);
    });
  }
}

/** A Postgres text[] literal (roles are vendor strings: quote and escape each). */
function toPgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
