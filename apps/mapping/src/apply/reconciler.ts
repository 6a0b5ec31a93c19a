import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SaasUserDeactivatedV1, SaasUserUpdatedV1 } from '@seatkeeper/contracts';
import { iso, MISSING_UPSTREAM_REASON, saasUserSnapshot } from '../directory/rows';
import { SaasUserRepository } from '../directory/saas-user.repository';
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
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly saasUsers: SaasUserRepository,
  ) {}

  async reconcile(em: EntityManager, def: MappingDefinition | null, run: RunFacts): Promise<ReconcileOutcome> {
    const none = { missing: 0, deactivated: 0, gateTripped: false };
    if (!run.complete) {
      return { ...none, note: `run incomplete (${run.incompleteReason ?? 'no reason given'}): nothing reconciled` };
    }
    if (!def) return { ...none, note: 'no mapping definition: nothing reconciled' };
    if (def.recordType !== 'user_and_saas_user') return { ...none, note: 'the integration syncs people only: no SaaS users to reconcile' };

    const missing = await this.saasUsers.lockMissingFromRun(em, { runId: run.runId, saasAppId: def.saasAppId, integrationId: def.integrationId });
    // The gate's population is the one this run may deactivate: the integration's own accounts.
    // Two PagerDuty accounts share the app, and one account's size must not loosen the other's gate.
    const total = await this.saasUsers.countLive(em, def.saasAppId, def.integrationId);

    let note: string | undefined;
    let gateTripped = false;
    let toDeactivate = def.deactivateMissing ? missing.filter((s) => s.status === 'active') : [];
    const limit = deactivationLimit(total, def.maxDeactivatePercent, def.maxDeactivateCount);
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

    const changed = await this.saasUsers.markMissing(
      em,
      toMark.map((s) => ({ id: s.id, deactivate: deactivate.has(s.id) })),
      MISSING_UPSTREAM_REASON,
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
