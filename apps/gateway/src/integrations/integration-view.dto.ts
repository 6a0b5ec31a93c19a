import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  INSTALLATION_TYPES,
  INTEGRATION_PREFERENCES,
  INTEGRATION_RECORD_TYPES,
  INTEGRATION_STATUSES,
  RUN_STATUSES,
  SYNC_REGIONS,
  SYNC_VENDORS,
  type InstallationType,
  type IntegrationPreference,
  type IntegrationRecordType,
  type IntegrationStatus,
  type SyncRegion,
  type SyncVendor,
  type IntegrationTestResult,
  type IntegrationView,
} from '@seatkeeper/contracts';
import type { SnakeCased } from '../http/public-names';

// What /api/v1/integrations answers: the sync service's IntegrationView in snake_case by the one
// rule of ../http/public-names. Each class implements its contract so the two cannot drift; it
// exists for the OpenAPI document.

class LocalSecretView {
  @ApiProperty({ enum: ['env', 'file'] }) kind!: 'env' | 'file';
  @ApiProperty({ description: 'The variable name or file path (never the secret)' }) name!: string;
  @ApiProperty({ enum: ['token', 'bearer'] }) auth_kind!: 'token' | 'bearer';
}

class ScheduleView {
  @ApiProperty({ enum: ['interval', 'daily'] }) kind!: 'interval' | 'daily';
  @ApiProperty({ type: Number, nullable: true }) interval_minutes!: number | null;
  @ApiProperty({ type: String, nullable: true, example: '02:00' }) time_of_day!: string | null;
  @ApiProperty({ example: 'UTC' }) time_zone!: string;
}

class ExtrasView {
  @ApiProperty() teams!: boolean;
  @ApiProperty() licence!: boolean;
  @ApiProperty() last_sign_in!: boolean;
}

class LastRunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finished_at!: string | null;
}

export class IntegrationDto implements SnakeCased<IntegrationView> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SYNC_VENDORS }) vendor!: SyncVendor;
  @ApiProperty({ enum: INTEGRATION_RECORD_TYPES }) record_type!: IntegrationRecordType;
  @ApiProperty({ enum: INSTALLATION_TYPES }) installation_type!: InstallationType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) credential_id!: string | null;
  @ApiProperty({ type: LocalSecretView, nullable: true }) local_secret!: LocalSecretView | null;
  @ApiProperty() runner_pool!: string;
  @ApiProperty({ enum: SYNC_REGIONS }) region!: SyncRegion;
  @ApiProperty({ type: String, nullable: true }) base_url!: string | null;
  @ApiProperty({ enum: INTEGRATION_PREFERENCES }) preference!: IntegrationPreference;
  @ApiProperty({ type: ScheduleView }) schedule!: ScheduleView;
  @ApiProperty({ type: ExtrasView }) extras!: ExtrasView;
  @ApiProperty({ enum: INTEGRATION_STATUSES, description: 'draft → active (launch) → paused (pause) → active (launch)' })
  status!: IntegrationStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the schedule next starts a run (null unless active)' })
  next_run_at!: string | null;
  @ApiProperty({ type: LastRunView, nullable: true }) last_run!: LastRunView | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class DeletedIntegrationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() deleted!: boolean;
}

export class IntegrationTestResultDto implements SnakeCased<IntegrationTestResult> {
  @ApiProperty({ format: 'uuid' }) integration_id!: string;
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional({ description: "The vendor's HTTP status; absent when the vendor could not be reached" })
  status?: number;
  @ApiProperty({ description: "OK, or the vendor's (or the runner's) reason" })
  message!: string;
  @ApiProperty({ description: "The base URL that was called: the integration's base URL or its region's host" })
  endpoint!: string;
  @ApiProperty() tested_at!: string;
}
