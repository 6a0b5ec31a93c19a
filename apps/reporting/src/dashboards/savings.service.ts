import { Injectable } from '@nestjs/common';
import type { AppSavingsView, LedgerEntryView, SavingsView } from '@seatkeeper/contracts';
import { compileToSql } from '@seatkeeper/rules';
import { ENTITY_DEFINITIONS, ruleCatalog } from '../catalog/entities';
import { INACTIVE_DAYS, INACTIVE_RULE, LEAVER_RULE } from '../catalog/default-rules';
import { encodeCursor, isoOf } from '../catalog/list-query';
import { ReportingErrorCode, ReportingException } from '../catalog/reporting.exception';
import { SaasAppCatalog } from '../catalog/saas-app.catalog';
import { SavingsRepository } from './savings.repository';

/**
 * Potential savings: seats of active accounts that are inactive (the "inactive" rule) or held by
 * a leaver, × the app's seat price. Realised: seats freed by workflow deletions (the ledger) × the
 * price. Money is computed in Postgres numerics and handed out as decimal strings.
 */
@Injectable()
export class SavingsService {
  constructor(
    private readonly figures: SavingsRepository,
    private readonly apps: SaasAppCatalog,
  ) {}

  async savings(now = new Date()): Promise<SavingsView> {
    await this.apps.refreshIfStale();
    const catalog = ruleCatalog(ENTITY_DEFINITIONS.saas_users);
    const inactive = compileToSql(INACTIVE_RULE, catalog, { now, placeholder: 'knex' });
    const leaver = compileToSql(LEAVER_RULE, catalog, { now, placeholder: 'knex' });
    const rows = await this.figures.perApp(inactive, leaver);
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
    const rows = await this.figures.ledger(limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map((r) => ({
        stepId: r.step_id,
        runId: r.run_id,
        workflowId: r.workflow_id,
        workflowName: r.workflow_name,
        saasUserId: r.saas_user_id ?? null,
        saasAppId: r.saas_app_id ?? null,
        appName: r.app_name ?? null,
        externalId: r.external_id ?? null,
        email: r.email ?? null,
        freedAt: isoOf(r.freed_at),
        seatPrice: decimal(r.seat_price ?? null),
        currency: r.currency ?? null,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.freed_at_text, last.step_id]) : null,
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
