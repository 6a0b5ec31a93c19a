import { defineEvent } from '../../define-event';
import { WorkflowRunSnapshot } from './workflow-run-snapshot';

/** A workflow run began (its plan is made; a dry run ends right after). */
export class WorkflowRunStartedPayload extends WorkflowRunSnapshot {}

export const WorkflowRunStartedV1 = defineEvent(
  'workflow.run.started.v1',
  WorkflowRunStartedPayload,
);
