import { IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../../define-event';
import { WorkflowStepSnapshot } from './workflow-step-snapshot';

/**
 * A vendor delete was undone: the account was recreated from the step's restore kit (action
 * `restore`, outcome `succeeded`). `externalId` is the deleted account's id, `restoredExternalId`
 * the new one; the step stays a succeeded `vendor_delete`, so a savings ledger reverses it on this.
 */
export class WorkflowStepRestoredPayload extends WorkflowStepSnapshot {
  /** The recreated account's id in the vendor (PagerDuty gives a new id). */
  @IsString()
  @MaxLength(200)
  restoredExternalId!: string;
}

export const WorkflowStepRestoredV1 = defineEvent(
  'workflow.step.restored.v1',
  WorkflowStepRestoredPayload,
);
