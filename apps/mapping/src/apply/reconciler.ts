import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SaasUserDeactivatedV1, SaasUserUpdatedV1 } from '@seatkeeper/contracts';
import { iso, MISSING_UPSTREAM_REASON, SAAS_USER_SELECT, saasUserSnapshot, type SaasUserRow } from '../directory/rows';
import { OutboxWriter } from '@seatkeeper/platform-messaging';
import type { MappingDefinition } from '../mapping/mapping-definition';

export interface ReconcileOutcome {
  missing: number;
  deactivated: number;
  gateTripped: boolean;
  note?: string;
}

export interface RunFacts {
  runId: string;
  complete: boolean | null;
  incompleteReason: string | null;
}

/** How many of an app's SaaS users one run may deactivate (DESIGN §4: 10% and 50 by default). */
export function deactivationLimit(total: number, maxPercent: number, maxCount: number): number {
  return Math.min(Math.floor((total * maxPercent) / 100), maxCount);
}

/**
 * After every page of a complete run is applied: SaaS users of the integration's app that the run
 * did not return are marked missing upstream, and deactivated only when the integration asks for
 * it and the blast-radius gate allows all of them (else none). An incomplete run changes nothing.
 */
@Injectable()
export class Reconciler {
  constructor(private readonly outbox: OutboxWriter) {}

  async reconcile(em: EntityManager, def: MappingDefinition | null, run: RunFacts): Promise<ReconcileOutcome> {
    const none = { missing: 0, deactivated: 0, gateTripped: false };
    if (!run.complete) {
      return { ...none, note: `run incomplete (${run.incompleteReason ?? 'no reason given'}): nothing reconciled` };
    }
    if (!def) return { ...none, note: 'no mapping definition: nothing reconciled' };
    if (def.recordType !== 'user_and_saas_user') return { ...none, note: 'the integration syncs people only: no SaaS users to reconcile' };

    const missing = await em.execute<SaasUserRow[]>(
      // NOT IN over a materialised set plans as a hashed subplan whatever the (often stale)
      // statistics say; an anti-join planned for "1 row" went quadratic at a few thousand users.
      `with seen as materialized (
         select distinct jsonb_array_elements_text(seen_external_ids) as external_id from sync_run_batch where run_id = ?)
       select ${SAAS_USER_SELECT} from saas_user s
       where s.saas_app_id = ? and s.integration_id = ? and s.status <> 'deleted'
         and s.external_id not in (select external_id from seen)
       order by s.id for update`,
      [run.runId, def.saasAppId, def.integrationId],
    );
    // The gate's population is the one this run may deactivate: the integration's own accounts.
    // Two PagerDuty accounts share the app, and one account's size must not loosen the other's gate.
    const [{ total }] = (await em.execute<{ total: string }[]>(
      `select count(*) as total from saas_user where saas_app_id = ? and integration_id = ? and status <> 'deleted'`,
      [def.saasAppId, def.integrationId],
    )) as [{ total: string }];

    let note: string | undefined;
    let gateTripped = false;
    let toDeactivate = def.deactivateMissing ? missing.filter((s) => s.status === 'active') : [];
    const limit = deactivationLimit(Number(total), def.maxDeactivatePercent, def.maxDeactivateCount);
    if (toDeactivate.length > limit) {
      gateTripped = true;
      note =
        `blast-radius gate: ${toDeactivate.length} SaaS users would be deactivated, more than this run may ` +
        `(${limit}: at most ${def.maxDeactivatePercent}% of ${total} and at most ${def.maxDeactivateCount}); nothing was deactivated`;
      toDeactivate = [];
    }
    const deactivate = new Set(toDeactivate.map((s) => s.id));
    const toMark = missing.filter((s) => !s.missing_upstream_since || deactivate.has(s.id));
    if (toMark.length === 0) return { missing: missing.length, deactivated: 0, gateTripped, note };

    const changed = await em.execute<SaasUserRow[]>(
      `update saas_user s set
         missing_upstream_since = coalesce(s.missing_upstream_since, now()),
         status = case when x.deactivate then 'deactivated' else s.status end,
         deactivated_reason = case when x.deactivate then ? else s.deactivated_reason end,
         deactivated_at = case when x.deactivate then now() else s.deactivated_at end,
         updated_at = now()
       from jsonb_to_recordset(?::jsonb) as x(id uuid, deactivate boolean)
       where s.id = x.id
       returning ${SAAS_USER_SELECT.split(',').map((c) => `s.${c.trim()}`).join(', ')}`,
      [MISSING_UPSTREAM_REASON, JSON.stringify(toMark.map((s) => ({ id: s.id, deactivate: deactivate.has(s.id) })))],
    );
    const before = new Map(toMark.map((s) => [s.id, s]));
    await this.outbox.addAll(
      em,
      changed.map((row) => {
        const wasMarked = Boolean(before.get(row.id)?.missing_upstream_since);
        const changes: Record<string, unknown> = wasMarked ? {} : { missingUpstreamSince: iso(row.missing_upstream_since) };
        if (deactivate.has(row.id)) Object.assign(changes, { status: 'deactivated', deactivatedReason: MISSING_UPSTREAM_REASON });
        return {
          definition: deactivate.has(row.id) ? SaasUserDeactivatedV1 : SaasUserUpdatedV1,
          data: saasUserSnapshot(row, def.vendor, changes),
          entityKey: `saas-user:${row.id}`,
        };
      }),
    );
    return { missing: missing.length, deactivated: deactivate.size, gateTripped, note };
  }
}
