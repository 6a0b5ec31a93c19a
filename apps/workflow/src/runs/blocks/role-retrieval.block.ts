import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { BlockConfigs } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { DirectoryClient } from '../../directory/directory.client';
import { ConnectorClient } from '../../vendor/connector.client';
import { overGate } from '../gate';
import type { StepRow } from '../run.rows';
import { RunsRepository, type FinishedStep } from '../runs.repository';
import { StepRouter } from '../step-router';
import type { BlockContext } from './block-context';

/**
 * Ids per connector request; integration-sync reads them 100 per vendor call. 1,000 keeps the
 * reply (~150 bytes per user) well under NATS's 1 MB message limit.
 */
const REQUEST_CHUNK = 1000;
const ROLE_WRITE_CHUNK = 1000;
const APPROVAL_HOURS = 72;

interface Fetched {
  fetched: true;
  vendorRole: string | null;
  missing: boolean;
}

/** What phase 1 stored on a step, if it ran. */
function fetched(s: StepRow): Partial<Fetched> | null {
  return s.detail as Partial<Fetched> | null;
}

/**
 * SaaS User Role retrieval. (1) Reads every selected account from PagerDuty in bulk and stores
 * what it read on each step, so a restart does not read again. (2) With Deactivate User on,
 * the accounts PagerDuty no longer has pass the blast-radius gate: too many (an empty or
 * truncated answer) and the run waits for an approval instead. (3) Writes the roles to the
 * directory and deactivates the missing accounts there (which emits
 * `directory.saas-user.deactivated.v1` and may start another workflow).
 */
@Injectable()
export class RoleRetrievalBlock {
  constructor(
    private readonly orm: MikroORM,
    private readonly connector: ConnectorClient,
    private readonly directory: DirectoryClient,
    private readonly runs: RunsRepository,
    private readonly router: StepRouter,
  ) {}

  async execute(ctx: BlockContext): Promise<void> {
    const cfg = ctx.graph.block(ctx.blockId).config as BlockConfigs['role_retrieval'];
    await this.fetch(ctx, cfg);
    const steps = await this.reload(ctx);
    const deactivate = cfg.deactivateUser !== false;
    const missing = steps.filter((s) => fetched(s)?.missing);
    if (deactivate && missing.length && (await this.gated(ctx, missing))) return;

    const found = steps.filter((s) => fetched(s)?.fetched && !(fetched(s) as Fetched).missing);
    for (let i = 0; i < found.length; i += ROLE_WRITE_CHUNK) {
      const chunk = found.slice(i, i + ROLE_WRITE_CHUNK);
      const updates = chunk.flatMap((s) => ((fetched(s) as Fetched).vendorRole ? [{ saasUserId: s.saas_user_id as string, vendorRole: (fetched(s) as Fetched).vendorRole as string }] : []));
      if (updates.length) await this.directory.setRoles(updates);
      await this.orm.em.fork().transactional((em) =>
        this.router.finish(em, ctx.graph, ctx.run.id, chunk.map((step) => ({ step, outcome: 'succeeded', reason: null, detail: { role: (fetched(step) as Fetched).vendorRole } }))),
      );
    }
    for (const step of missing) {
      if (!(await ctx.shouldContinue())) return;
      if (!deactivate) {
        await this.orm.em.fork().transactional((em) => this.router.finish(em, ctx.graph, ctx.run.id, [{ step, outcome: 'skipped', reason: 'PagerDuty no longer has this account (Deactivate User is off)', detail: null }]));
        continue;
      }
      const reason = `PagerDuty no longer has this account (workflow "${ctx.run.workflow_name}", run ${ctx.run.id})`;
      await this.directory.deactivate(step.saas_user_id as string, reason).catch((e: unknown) => {
        // Already deleted in the directory: nothing left to deactivate.
        if (!(e instanceof RpcException && e.code === 'CONFLICT')) throw e;
      });
      await this.orm.em.fork().transactional(async (em) => {
        await this.runs.finishStep(em, step, 'succeeded', 'deactivated: PagerDuty no longer has this account', { deactivated: true });
        await this.router.halt(em, ctx.run.id, step.saas_user_id as string, 'deactivated by role retrieval: PagerDuty no longer has this account');
      });
    }
  }

  /** Phase 1: one connector request per 1,000 accounts of an integration; records without one are skipped. */
  private async fetch(ctx: BlockContext, cfg: BlockConfigs['role_retrieval']): Promise<void> {
    const open = ctx.steps.filter((s) => !fetched(s)?.fetched);
    const byIntegration = new Map<string, StepRow[]>();
    const orphans: FinishedStep[] = [];
    for (const s of open) {
      const rec = ctx.records.get(s.saas_user_id as string);
      if (!rec?.integration_id) orphans.push({ step: s, outcome: 'skipped', reason: 'no integration syncs this account', detail: null });
      else {
        // Appended in place: copying the list per step would be quadratic at 10,000 accounts.
        const list = byIntegration.get(rec.integration_id) ?? [];
        list.push(s);
        byIntegration.set(rec.integration_id, list);
      }
    }
    if (orphans.length) await this.orm.em.fork().transactional((em) => this.router.finish(em, ctx.graph, ctx.run.id, orphans));
    for (const [integrationId, steps] of byIntegration) {
      for (let i = 0; i < steps.length; i += REQUEST_CHUNK) {
        const chunk = steps.slice(i, i + REQUEST_CHUNK);
        const ids = chunk.map((s) => ctx.records.get(s.saas_user_id as string)?.external_id as string);
        const res = await this.connector.listUsers(integrationId, cfg.credentialId, ids, `${ctx.run.id}:${ctx.blockId}:${integrationId}:${i}`);
        const roles = new Map(res.users.map((u) => [u.id, u.role]));
        const missing = new Set(res.missing);
        const rows = chunk.map((s) => {
          const ext = ctx.records.get(s.saas_user_id as string)?.external_id as string;
          return { id: s.id, detail: { fetched: true, vendorRole: roles.get(ext) ?? null, missing: missing.has(ext) } };
        });
        await this.runs.startSteps(this.orm.em.fork(), rows);
      }
    }
  }

  /** Phase 2: the gate over the deactivations; true when the run now waits for an approval. */
  private async gated(ctx: BlockContext, missing: StepRow[]): Promise<boolean> {
    const key = `role:${ctx.blockId}`;
    if (ctx.run.approved_gates.includes(key)) return false;
    const counts = new Map<string, number>();
    for (const s of missing) {
      const app = ctx.records.get(s.saas_user_id as string)?.saas_app_id as string;
      counts.set(app, (counts.get(app) ?? 0) + 1);
    }
    const sizes = new Map<string, number>();
    for (const app of counts.keys()) sizes.set(app, await this.directory.appSize(app));
    const verdict = overGate(counts, sizes, ctx.limits, 'PagerDuty no longer returns');
    if (!verdict) return false;
    await this.orm.em.fork().transactional((em) =>
      this.runs.transition(em, ctx.run.id, 'awaiting_approval', {
        from: ['running'],
        reason: `${verdict.reason}; nothing is deactivated until then`,
        approval: { kind: 'gate', key, blockId: ctx.blockId, expiresAt: new Date(Date.now() + APPROVAL_HOURS * 3_600_000).toISOString(), destructive: verdict.destructive, limit: verdict.limit },
      }),
    );
    return true;
  }

  private async reload(ctx: BlockContext): Promise<StepRow[]> {
    return this.runs.openStepsOfBlock(this.orm.em.fork(), ctx.run.id, ctx.blockId);
  }
}
