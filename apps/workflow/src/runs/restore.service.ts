import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  RpcErrorCode,
  WorkflowStepRestoredV1,
  type PagerDutyRestoreKit,
  type PagerDutyRestoreResult,
  type RestoreWorkflowStepRequest,
  type WorkflowStepRestoreView,
} from '@seatkeeper/contracts';
import { OutboxWriter, RpcException } from '@seatkeeper/platform-messaging';
import { iso } from '../definitions/workflow.rows';
import { ConnectorClient } from '../vendor/connector.client';
import type { StepRow } from './run.rows';
import { RunsRepository } from './runs.repository';

/** A `restore_kit` row as `storeKit` (vendor-delete block) wrote it. */
interface KitRow {
  step_id: string;
  saas_user_id: string;
  external_id: string;
  kit: PagerDutyRestoreKit & {
    schedules?: { id: string; name: string | null }[];
    escalationPolicies?: { id: string; name: string | null }[];
    integrationId: string;
    credentialId: string;
  };
  restored_external_id: string | null;
  restored_at: Date | null;
  restored_by: string | null;
  restore_result: PagerDutyRestoreResult | null;
}

/**
 * The `restore` action: recreates the account a `vendor_delete` step deleted, from the kit stored
 * before the DELETE, and records the new id on the kit and the step. The kit row is locked for
 * the whole restore, so two restores of one step run one after the other and the second answers
 * the first's result; a restore cut short after PagerDuty created the account is completed on
 * the next try, because integration-sync finds the account by its email before creating one.
 */
@Injectable()
export class RestoreService {
  constructor(
    private readonly orm: MikroORM,
    private readonly runs: RunsRepository,
    private readonly connector: ConnectorClient,
    private readonly outbox: OutboxWriter,
  ) {}

  async restore(req: RestoreWorkflowStepRequest): Promise<WorkflowStepRestoreView> {
    return this.orm.em.fork().transactional(async (em) => {
      const run = await this.runs.run(em, req.runId);
      const step = (await em.execute<StepRow[]>(`select * from step where id = ? and run_id = ?`, [req.stepId, req.runId]))[0];
      if (!step) throw new RpcException(RpcErrorCode.NotFound, `No step ${req.stepId} in workflow run ${req.runId}`);
      const kit = (await em.execute<KitRow[]>(`select * from restore_kit where step_id = ? for update`, [step.id]))[0];
      if (step.action !== 'vendor_delete' || !kit) {
        throw new RpcException(RpcErrorCode.Conflict, `Step ${step.id} has no restore kit: only a vendor delete that reached PagerDuty stores one`);
      }
      if (kit.restored_external_id && kit.restore_result) return view(step, kit, true);
      const outcome = (step.detail as { vendorOutcome?: string } | null)?.vendorOutcome;
      if (step.status !== 'succeeded' || (outcome !== 'deleted' && outcome !== 'already-absent')) {
        throw new RpcException(RpcErrorCode.Conflict, `Step ${step.id} is ${step.status}${outcome ? ` (${outcome})` : ''}: PagerDuty did not delete the account, there is nothing to restore`);
      }
      const { integrationId, credentialId, user, contactMethods, notificationRules, teams } = kit.kit;
      const result = await this.connector.restoreUser(integrationId, credentialId, { user, contactMethods, notificationRules, teams }, req.fromEmail, `${step.idempotency_key}:restore`);
      const stored = await this.record(em, step, kit, result, req.actor ?? null);
      await this.outbox.add(
        em,
        WorkflowStepRestoredV1,
        {
          runId: run.id,
          workflowId: run.workflow_id,
          workflowName: run.workflow_name.slice(0, 200),
          stepId: step.id,
          blockId: step.block_id,
          blockType: step.block_type,
          action: 'restore',
          outcome: 'succeeded',
          saasUserId: step.saas_user_id,
          externalId: kit.external_id,
          restoredExternalId: result.userId,
        },
        { entityKey: `workflow-run:${run.id}` },
      );
      return view(step, stored, false);
    });
  }

  /** The new id and the restore's result, on the kit and in the step's detail (what run history shows). */
  private async record(em: EntityManager, step: StepRow, kit: KitRow, result: PagerDutyRestoreResult, actor: string | null): Promise<KitRow> {
    const rows = await em.execute<KitRow[]>(
      `update restore_kit set restored_external_id = ?, restored_at = now(), restored_by = ?, restore_result = ? where step_id = ? returning *`,
      [result.userId, actor, JSON.stringify(result), kit.step_id],
    );
    await em.execute(`update step set detail = coalesce(detail, '{}'::jsonb) || ?::jsonb where id = ?`, [JSON.stringify({ restoredExternalId: result.userId }), step.id]);
    return rows[0] as KitRow;
  }
}

function view(step: StepRow, kit: KitRow, alreadyRestored: boolean): WorkflowStepRestoreView {
  const r = kit.restore_result as PagerDutyRestoreResult;
  return {
    runId: step.run_id,
    stepId: step.id,
    saasUserId: step.saas_user_id,
    deletedExternalId: kit.external_id,
    restoredExternalId: kit.restored_external_id as string,
    restoredAt: iso(kit.restored_at) as string,
    restoredBy: kit.restored_by,
    alreadyRestored,
    accountExisted: r.existed,
    contactMethods: r.contactMethods,
    notificationRules: r.notificationRules,
    teams: r.teams,
    reAddManually: { schedules: kit.kit.schedules ?? [], escalationPolicies: kit.kit.escalationPolicies ?? [] },
  };
}
