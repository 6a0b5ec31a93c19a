import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  WorkflowRunAwaitingApprovalV1,
  WorkflowRunCancelledV1,
  WorkflowRunCompletedV1,
  WorkflowRunFailedV1,
  WorkflowRunStartedV1,
  WorkflowStepCompletedV1,
  WorkflowStepFailedV1,
  type EventEnvelope,
  type WorkflowRunSnapshot,
  type WorkflowStepSnapshot,
} from '@seatkeeper/contracts';
import { OnEvent } from '@seatkeeper/platform-messaging';
import { WorkflowProjection } from './workflow.projection';

/** workflow.*: runs, their steps (workflow actions) and the realised-savings ledger. */
@Injectable()
export class WorkflowEventsConsumer {
  constructor(private readonly workflow: WorkflowProjection) {}

  @OnEvent(WorkflowRunStartedV1)
  onRunStarted(e: EventEnvelope<WorkflowRunSnapshot>, em: EntityManager) {
    return this.workflow.run(em, e);
  }

  @OnEvent(WorkflowRunAwaitingApprovalV1)
  onRunAwaitingApproval(e: EventEnvelope<WorkflowRunSnapshot>, em: EntityManager) {
    return this.workflow.run(em, e);
  }

  @OnEvent(WorkflowRunCompletedV1)
  onRunCompleted(e: EventEnvelope<WorkflowRunSnapshot>, em: EntityManager) {
    return this.workflow.run(em, e);
  }

  @OnEvent(WorkflowRunFailedV1)
  onRunFailed(e: EventEnvelope<WorkflowRunSnapshot>, em: EntityManager) {
    return this.workflow.run(em, e);
  }

  @OnEvent(WorkflowRunCancelledV1)
  onRunCancelled(e: EventEnvelope<WorkflowRunSnapshot>, em: EntityManager) {
    return this.workflow.run(em, e);
  }

  @OnEvent(WorkflowStepCompletedV1)
  onStepCompleted(e: EventEnvelope<WorkflowStepSnapshot>, em: EntityManager) {
    return this.workflow.step(em, e);
  }

  @OnEvent(WorkflowStepFailedV1)
  onStepFailed(e: EventEnvelope<WorkflowStepSnapshot>, em: EntityManager) {
    return this.workflow.step(em, e);
  }
}
