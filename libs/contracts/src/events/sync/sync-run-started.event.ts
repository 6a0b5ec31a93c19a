import { IsIn, IsUUID } from 'class-validator';
import { defineEvent } from '../../define-event';

/** A run began fetching (once per run, not again when it resumes after a crash). */
export class SyncRunStartedPayload {
  @IsUUID()
  runId!: string;

  @IsUUID()
  integrationId!: string;

  @IsIn(['schedule', 'manual'])
  trigger!: 'schedule' | 'manual';
}

export const SyncRunStartedV1 = defineEvent('sync.run.started.v1', SyncRunStartedPayload);
