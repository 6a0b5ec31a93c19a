import { defineEvent } from '../../define-event';
import { WorkflowStepSnapshot } from './workflow-step-snapshot';

/** A step failed (retries exhausted or a refusal it cannot get past); `retry` may run it again. */
export class WorkflowStepFailedPayload extends WorkflowStepSnapshot {}

export const WorkflowStepFailedV1 = defineEvent(
  'workflow.step.failed.v1',
  WorkflowStepFailedPayload,
);
