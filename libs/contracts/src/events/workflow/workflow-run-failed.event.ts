import { defineEvent } from '../../define-event';
import { WorkflowRunSnapshot } from './workflow-run-snapshot';

/** A run stopped on an error it could not get past (e.g. stale or incomplete sync data). */
export class WorkflowRunFailedPayload extends WorkflowRunSnapshot {}

export const WorkflowRunFailedV1 = defineEvent(
  'workflow.run.failed.v1',
  WorkflowRunFailedPayload,
);
