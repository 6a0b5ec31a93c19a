import { IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../../define-event';

/** A run failed and fetched nothing more (e.g. "PagerDuty rejected the credential (401)"). */
export class SyncRunFailedPayload {
  @IsUUID()
  runId!: string;

  @IsUUID()
  integrationId!: string;

  @IsString()
  @MaxLength(2000)
  reason!: string;
}

export const SyncRunFailedV1 = defineEvent('sync.run.failed.v1', SyncRunFailedPayload);
