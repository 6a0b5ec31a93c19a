import { defineEvent } from '../../define-event';
import { WorkflowRunSnapshot } from './workflow-run-snapshot';

/** A run stopped at the blast-radius gate (or an Approval block) and waits for an admin. */
export class WorkflowRunAwaitingApprovalPayload extends WorkflowRunSnapshot {}

export const WorkflowRunAwaitingApprovalV1 = defineEvent(
  'workflow.run.awaiting-approval.v1',
  WorkflowRunAwaitingApprovalPayload,
);
