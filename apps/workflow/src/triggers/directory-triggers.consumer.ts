import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  SaasUserCreatedV1,
  SaasUserDeactivatedV1,
  type EventEnvelope,
  type SaasUserSnapshot,
  type WorkflowTrigger,
} from '@seatkeeper/contracts';
import { OnEvents } from '@seatkeeper/platform-messaging';
import { WorkflowsRepository } from '../definitions/workflows.repository';
import { RunsService } from '../runs/runs.service';

/**
 * `saas_user.created` ("Assign User") and `saas_user.deactivated` triggers: one run per active
 * workflow with that trigger, for the one account the event names, queued in the transaction
 * that records the event in the inbox (a redelivery queues nothing twice). The Begin block's
 * rule still decides whether the account is selected. Set-based: a first sync sends thousands of
 * `saas_user.created` at once, and one look-up of the workflows serves the whole pulled batch.
 */
@Injectable()
export class DirectoryTriggersConsumer {
  constructor(
    private readonly runs: RunsService,
    private readonly workflows: WorkflowsRepository,
  ) {}

  @OnEvents(SaasUserCreatedV1, { group: 'workflow-triggers' })
  onCreated(events: EventEnvelope<SaasUserSnapshot>[], em: EntityManager): Promise<void> {
    return this.fire(em, 'saas_user.created', events);
  }

  @OnEvents(SaasUserDeactivatedV1, { group: 'workflow-triggers' })
  onDeactivated(events: EventEnvelope<SaasUserSnapshot>[], em: EntityManager): Promise<void> {
    return this.fire(em, 'saas_user.deactivated', events);
  }

  private async fire(em: EntityManager, trigger: WorkflowTrigger, events: EventEnvelope<SaasUserSnapshot>[]): Promise<void> {
    const workflows = await this.workflows.activeWith(em, trigger);
    for (const { data: su } of events) {
      for (const w of workflows) {
        await this.runs.queue(em, { workflowId: w.id, version: w.activeVersion as number, name: w.name, trigger, dryRun: false, saasUser: { saasAppId: su.saasAppId, externalId: su.externalId } });
      }
    }
  }
}
