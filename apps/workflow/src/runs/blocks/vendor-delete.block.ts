import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { BlockConfigs, PagerDutyDeleteResult } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { DirectoryClient } from '../../directory/directory.client';
import { ConnectorClient } from '../../vendor/connector.client';
import type { StepRow } from '../run.rows';
import type { StoredKit } from '../restore-kit.entity';
import { RestoreKitsRepository } from '../restore-kits.repository';
import { RunsRepository } from '../runs.repository';
import { StepRouter } from '../step-router';
import type { BlockContext } from './block-context';
import { FreshnessGuard } from './freshness.guard';

interface DeleteDetail {
  preflight?: { schedules?: StoredKit['schedules']; escalationPolicies?: StoredKit['escalationPolicies']; openIncidents?: unknown[] } | null;
  kitStored?: boolean;
  vendorOutcome?: PagerDutyDeleteResult['outcome'];
}

/**
 * API block, preset `pagerduty.delete_user`. Per account: the step is marked in progress
 * (stored), the restore kit is stored, PagerDuty is asked to delete, the vendor's answer is
 * stored, then the directory marks the account deleted (`directory.saas-user.deleted.v1`).
 * A step found in progress after a crash first asks PagerDuty whether the account still exists,
 * so an account is never sent a second DELETE. 404 means already deleted; PagerDuty's refusal
 * (account owner, open incidents) is recorded with its reasons and the account is skipped.
 */
@Injectable()
export class VendorDeleteBlock {
  constructor(
    private readonly orm: MikroORM,
    private readonly connector: ConnectorClient,
    private readonly directory: DirectoryClient,
    private readonly runs: RunsRepository,
    private readonly kits: RestoreKitsRepository,
    private readonly router: StepRouter,
    private readonly freshness: FreshnessGuard,
  ) {}

  async execute(ctx: BlockContext): Promise<void> {
    const cfg = ctx.graph.block(ctx.blockId).config as BlockConfigs['api'];
    const refusal = await this.freshness.refusal([...ctx.records.values()].filter((r) => ctx.steps.some((s) => s.saas_user_id === r.saas_user_id)));
    if (refusal) {
      await this.orm.em.fork().transactional((em) => this.runs.transition(em, ctx.run.id, 'failed', { from: ['running'], reason: `Refused to delete: ${refusal}` }));
      return;
    }
    for (const step of ctx.steps) {
      if (!(await ctx.shouldContinue())) return;
      await this.one(ctx, cfg, step);
    }
  }

  private async one(ctx: BlockContext, cfg: BlockConfigs['api'], step: StepRow): Promise<void> {
    const rec = ctx.records.get(step.saas_user_id as string);
    const finish = (outcome: 'succeeded' | 'skipped' | 'failed', reason: string | null, detail: Record<string, unknown> | null) =>
      this.orm.em.fork().transactional((em) => this.router.finish(em, ctx.graph, ctx.run.id, [{ step, outcome, reason, detail }]));
    if (!rec?.integration_id) return finish('skipped', 'no integration syncs this account', null);
    const detail = (step.detail ?? {}) as DeleteDetail;
    const resumed = step.status === 'in_progress';
    try {
      let outcome = detail.vendorOutcome;
      if (!outcome) {
        await this.runs.startStep(this.orm.em.fork(), step.id);
        const exists = await this.storeKit(ctx, cfg, step, rec.integration_id, rec.external_id, detail);
        let result: PagerDutyDeleteResult;
        if (!exists) result = { outcome: 'already-absent' };
        else if (resumed && !(await this.connector.getUser(rec.integration_id, cfg.credentialId, rec.external_id)).user) result = { outcome: 'already-absent' };
        else result = await this.connector.deleteUser(rec.integration_id, cfg.credentialId, rec.external_id, step.idempotency_key);
        if (result.outcome === 'refused') {
          const why = (result.reasons?.length ? result.reasons.join('; ') : result.message) ?? 'refused';
          return finish('skipped', `PagerDuty refused the delete: ${why}`, { vendorOutcome: 'refused', vendorReasons: result.reasons ?? [] });
        }
        outcome = result.outcome;
        await this.runs.mergeStepDetail(this.orm.em.fork(), step.id, { vendorOutcome: outcome });
      }
      await this.directory.markDeleted(step.saas_user_id as string, `deleted in PagerDuty by workflow "${ctx.run.workflow_name}" (run ${ctx.run.id})`);
      return finish('succeeded', outcome === 'already-absent' ? 'PagerDuty had already deleted the account (404)' : null, { vendorOutcome: outcome });
    } catch (e) {
      if (!(e instanceof RpcException)) throw e;
      return finish('failed', `${e.code}: ${e.message}`, null);
    }
  }

  /** The restore kit: PagerDuty's user record (teams, contact methods, notification rules) and the schedules and escalation policies the preflight found. False when PagerDuty has no such user. */
  private async storeKit(ctx: BlockContext, cfg: BlockConfigs['api'], step: StepRow, integrationId: string, externalId: string, detail: DeleteDetail): Promise<boolean> {
    if (detail.kitStored) return true;
    const { user } = await this.connector.getUser(integrationId, cfg.credentialId, externalId);
    if (!user) return false;
    const kit = {
      user,
      teams: Array.isArray(user['teams']) ? user['teams'] : [],
      contactMethods: Array.isArray(user['contact_methods']) ? user['contact_methods'] : [],
      notificationRules: Array.isArray(user['notification_rules']) ? user['notification_rules'] : [],
      schedules: detail.preflight?.schedules ?? [],
      escalationPolicies: detail.preflight?.escalationPolicies ?? [],
      integrationId,
      credentialId: cfg.credentialId,
    };
    await this.orm.em.fork().transactional(async (em) => {
      await this.kits.store(em, { stepId: step.id, saasUserId: step.saas_user_id as string, externalId, kit });
      await this.runs.mergeStepDetail(em, step.id, { kitStored: true });
    });
    return true;
  }
}
