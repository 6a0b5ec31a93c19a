import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  RpcErrorCode,
  WorkflowStepRestoredV1,
  type PagerDutyRestoreResult,
  type RestoreWorkflowStepRequest,
  type WorkflowStepRestoreView,
} from '@seatkeeper/contracts';
import { OutboxWriter, RpcException } from '@seatkeeper/platform-messaging';
import { iso } from '../definitions/workflow.rows';
import { ConnectorClient } from '../vendor/connector.client';
import type { StepRow } from './run.rows';
import type { RestoreKit } from './restore-kit.entity';
import { RestoreKitsRepository } from './restore-kits.repository';
import { RunsRepository } from './runs.repository';

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
    private readonly kits: RestoreKitsRepository,
    private readonly connector: ConnectorClient,
    private readonly outbox: OutboxWriter,
  ) {}

  async restore(req: RestoreWorkflowStepRequest): Promise<WorkflowStepRestoreView> {
    return this.orm.em.fork().transactional(async (em) => {
      const run = await this.runs.run(em, req.runId);
      const step = await this.runs.step(em, req.runId, req.stepId);
      if (!step) throw new RpcException(RpcErrorCode.NotFound, `No step ${req.stepId} in workflow run ${req.runId}`);
      const kit = await this.kits.lock(em, step.id);
      if (step.action !== 'vendor_delete' || !kit) {
        throw new RpcException(RpcErrorCode.Conflict, `Step ${step.id} has no restore kit: only a vendor delete that reached PagerDuty stores one`);
      }
      if (kit.restoredExternalId && kit.restoreResult) return view(step, kit, true);
      const outcome = (step.detail as { vendorOutcome?: string } | null)?.vendorOutcome;
      if (step.status !== 'succeeded' || (outcome !== 'deleted' && outcome !== 'already-absent')) {
        throw new RpcException(RpcErrorCode.Conflict, `Step ${step.id} is ${step.status}${outcome ? ` (${outcome})` : ''}: PagerDuty did not delete the account, there is nothing to restore`);
      }
      const { integrationId, credentialId, user, contactMethods, notificationRules, teams } = kit.kit;
      const result = await this.connector.restoreUser(integrationId, credentialId, { user, contactMethods, notificationRules, teams }, req.fromEmail, `${step.idempotency_key}:restore`);
      // The new id and the restore's result, on the kit and in the step's detail (what run history shows).
      const stored = await this.kits.markRestored(em, kit, result, req.actor ?? null);
      await this.runs.mergeStepDetail(em, step.id, { restoredExternalId: result.userId });
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
          externalId: kit.externalId,
          restoredExternalId: result.userId,
        },
        { entityKey: `workflow-run:${run.id}` },
      );
      return view(step, stored, false);
    });
  }
}

function view(step: StepRow, kit: RestoreKit, alreadyRestored: boolean): WorkflowStepRestoreView {
  const r = kit.restoreResult as PagerDutyRestoreResult;
  return {
    runId: step.run_id,
    stepId: step.id,
    saasUserId: step.saas_user_id,
    deletedExternalId: kit.externalId,
    restoredExternalId: kit.restoredExternalId as string,
    restoredAt: iso(kit.restoredAt) as string,
    restoredBy: kit.restoredBy,
    alreadyRestored,
    accountExisted: r.existed,
    contactMethods: r.contactMethods,
    notificationRules: r.notificationRules,
    teams: r.teams,
    reAddManually: { schedules: kit.kit.schedules ?? [], escalationPolicies: kit.kit.escalationPolicies ?? [] },
  };
}
