import { defineEvent } from '../../define-event';
import { WorkflowRunSnapshot } from './workflow-run-snapshot';

/** A run finished: every planned step has an outcome. */
export class WorkflowRunCompletedPayload extends WorkflowRunSnapshot {}

export const WorkflowRunCompletedV1 = defineEvent(
  'workflow.run.completed.v1',
  WorkflowRunCompletedPayload,
);
