import { defineEvent } from '../../define-event';
import { WorkflowRunSnapshot } from './workflow-run-snapshot';

/** An operator cancelled a run, or its approval was rejected or expired; nothing further acts. */
export class WorkflowRunCancelledPayload extends WorkflowRunSnapshot {}

export const WorkflowRunCancelledV1 = defineEvent(
  'workflow.run.cancelled.v1',
  WorkflowRunCancelledPayload,
);
