import { defineEvent } from '../../define-event';
import { WorkflowStepSnapshot } from './workflow-step-snapshot';

/**
 * A step has its outcome (`succeeded` or `skipped`). A `vendor_delete` that succeeded freed a
 * seat: reporting's realised-savings ledger counts these.
 */
export class WorkflowStepCompletedPayload extends WorkflowStepSnapshot {}

export const WorkflowStepCompletedV1 = defineEvent(
  'workflow.step.completed.v1',
  WorkflowStepCompletedPayload,
);
