import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AppSavingsView, LedgerEntryView, SavingsView } from '@seatkeeper/contracts';
import { compileToSql } from '@seatkeeper/rules';
import { ENTITY_DEFINITIONS, ruleCatalog } from '../catalog/entities';
import { INACTIVE_DAYS, INACTIVE_RULE, LEAVER_RULE } from '../catalog/default-rules';
import { encodeCursor, isoOf } from '../catalog/list-query';
import { ReportingErrorCode, ReportingException } from '../catalog/reporting.exception';
import { SaasAppCatalog } from '../catalog/saas-app.catalog';

interface AppRow {
  saas_app_id: string;
  name: string | null;
  currency: string | null;
  seat_price: string | null;
  seats_purchased: number | null;
  active: number;
  inactive: number;
  leavers: number;
  reclaimable: number;
  freed: number;
  potential: string | null;
  realised: string | null;
}

/**
 * Potential savings: seats of active accounts that are inactive (the "inactive" rule) or held by
 * a leaver, × the app's seat price. Realised: seats freed by workflow deletions (the ledger) × the
 * price. Money is computed in Postgres numerics and handed out as decimal strings.
 */
@Injectable()
export class SavingsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly apps: SaasAppCatalog,
  ) {}

  async savings(now = new Date()): Promise<SavingsView> {
    await this.apps.refreshIfStale();
    const catalog = ruleCatalog(ENTITY_DEFINITIONS.saas_users);
    const inactive = compileToSql(INACTIVE_RULE, catalog, { now, placeholder: 'knex' });
    const leaver = compileToSql(LEAVER_RULE, catalog, { now, placeholder: 'knex' });
    const rows = await this.orm.em.fork().execute<AppRow[]>(
      `with seats as (
         select u.saas_app_id,
           count(*) filter (where u.status = 'active')::int as active,
           count(*) filter (where ${inactive.sql})::int as inactive,
           count(*) filter (where u.status = 'active' and ${leaver.sql})::int as leavers,
           count(*) filter (where ${inactive.sql} or (u.status = 'active' and ${leaver.sql}))::int as reclaimable
         from rm_saas_user u left join rm_person p on p.person_id = u.person_id
         group by u.saas_app_id),
       freed as (select saas_app_id, count(*)::int as freed from rm_realised_saving where saas_app_id is not null group by saas_app_id),
       ids as (select saas_app_id from seats union select saas_app_id from freed)
       select ids.saas_app_id::text, a.name, a.currency, a.seat_price::text, a.seats_purchased,
         coalesce(s.active, 0) as active, coalesce(s.inactive, 0) as inactive, coalesce(s.leavers, 0) as leavers,
         coalesce(s.reclaimable, 0) as reclaimable, coalesce(f.freed, 0) as freed,
         (coalesce(s.reclaimable, 0) * a.seat_price)::text as potential, (coalesce(f.freed, 0) * a.seat_price)::text as realised
       from ids left join seats s using (saas_app_id) left join freed f using (saas_app_id)
         left join rm_saas_app a on a.saas_app_id = ids.saas_app_id
       order by a.name nulls last, ids.saas_app_id`,
      [...inactive.params, ...leaver.params, ...inactive.params, ...leaver.params],
    );
    const apps: AppSavingsView[] = rows.map((r) => ({
      saasAppId: r.saas_app_id,
      appName: r.name,
      currency: r.currency,
      seatPrice: decimal(r.seat_price),
      seatsPurchased: r.seats_purchased,
      activeSeats: r.active,
      inactiveSeats: r.inactive,
      leaverSeats: r.leavers,
      reclaimableSeats: r.reclaimable,
      potentialMonthly: decimal(r.potential),
      freedSeats: r.freed,
      realisedMonthly: decimal(r.realised),
    }));
    return { inactiveDays: INACTIVE_DAYS, apps, potentialMonthly: totals(apps, 'potentialMonthly'), realisedMonthly: totals(apps, 'realisedMonthly') };
  }

  async ledger(limit = 50, cursor?: string): Promise<{ data: LedgerEntryView[]; nextCursor: string | null }> {
    await this.apps.refreshIfStale();
    let after: [string, string] | undefined;
    if (cursor) {
      try {
        after = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
      } catch {
        throw new ReportingException(ReportingErrorCode.CursorInvalid, 'Not a cursor of the ledger', [{ field: 'cursor', messages: ['not a cursor of this list'] }]);
      }
    }
    const rows = await this.orm.em.fork().execute<Record<string, unknown>[]>(
      `select l.step_id::text, l.run_id::text, l.workflow_id::text, l.workflow_name, l.saas_user_id::text, l.saas_app_id::text,
         a.name as app_name, l.external_id, u.email, l.freed_at::text as freed_at_text, l.freed_at, a.seat_price::text, a.currency
       from rm_realised_saving l left join rm_saas_app a on a.saas_app_id = l.saas_app_id left join rm_saas_user u on u.saas_user_id = l.saas_user_id
       where ${after ? '(l.freed_at, l.step_id) < (?::timestamptz, ?::uuid)' : 'true'}
       order by l.freed_at desc, l.step_id desc limit ?`,
      [...(after ?? []), limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map((r) => ({
        stepId: String(r['step_id']),
        runId: String(r['run_id']),
        workflowId: String(r['workflow_id']),
        workflowName: String(r['workflow_name']),
        saasUserId: (r['saas_user_id'] as string | null) ?? null,
        saasAppId: (r['saas_app_id'] as string | null) ?? null,
        appName: (r['app_name'] as string | null) ?? null,
        externalId: (r['external_id'] as string | null) ?? null,
        email: (r['email'] as string | null) ?? null,
        freedAt: isoOf(r['freed_at'] as Date | string),
        seatPrice: decimal((r['seat_price'] as string | null) ?? null),
        currency: (r['currency'] as string | null) ?? null,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([String(last['freed_at_text']), String(last['step_id'])]) : null,
    };
  }
}

/** Postgres' numeric text without trailing zeros: `86.0000` → `86`, `21.5000` → `21.5`. */
function decimal(v: string | null): string | null {
  return v === null ? null : v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

/** Sums decimal strings per currency without floats (4 decimal places, as prices are stored). */
function totals(apps: AppSavingsView[], key: 'potentialMonthly' | 'realisedMonthly'): Record<string, string> {
  const sums = new Map<string, bigint>();
  for (const a of apps) {
    const v = a[key];
    if (v === null || !a.currency) continue;
    sums.set(a.currency, (sums.get(a.currency) ?? 0n) + toTenThousandths(v));
  }
  return Object.fromEntries([...sums].map(([c, n]) => [c, fromTenThousandths(n)]));
}

function toTenThousandths(v: string): bigint {
  const [int, frac = ''] = v.split('.');
  return BigInt(int ?? '0') * 10000n + BigInt((frac + '0000').slice(0, 4));
}

function fromTenThousandths(n: bigint): string {
  const int = n / 10000n;
  const frac = (n % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : `${int}`;
}
