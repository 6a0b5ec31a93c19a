import { ServiceEnv } from '@seatkeeper/platform-config';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** The workflow service's environment: the shared bases plus the run worker's knobs; fails fast at boot. */
export class WorkflowEnv extends ServiceEnv {
  override INTERNAL_PORT = 9104;

  /** How often the worker looks for runs to plan or continue, and for approvals that expired. */
  @Type(() => Number) @IsInt() @Min(50) @Max(600_000)
  WORKFLOW_WORKER_POLL_MS = 1000;

  /** A run whose worker has not renewed its lease for this long is taken over (crash recovery). */
  @Type(() => Number) @IsInt() @Min(500) @Max(3_600_000)
  WORKFLOW_RUN_LEASE_MS = 30_000;

  @Transform(toBool) @IsBoolean()
  WORKFLOW_SCHEDULER_ENABLED = true;

  @Type(() => Number) @IsInt() @Min(50) @Max(600_000)
  WORKFLOW_SCHEDULER_TICK_MS = 10_000;

  /** Timeout of one connector action over NATS (a bulk role read of 10,000 users is ~100 vendor calls). */
  @Type(() => Number) @IsInt() @Min(1000) @Max(600_000)
  WORKFLOW_ACTION_TIMEOUT_MS = 120_000;

  @Type(() => Number) @IsInt() @Min(100) @Max(120_000)
  WORKFLOW_NOTIFY_TIMEOUT_MS = 10_000;
}
