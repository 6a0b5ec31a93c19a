import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { defineRequest } from '../../define-request';

const PD_ID = /^[A-Z0-9]{1,20}$/;

export class PagerDutyUserRequest {
  /** The integration whose credential, region and base URL to use. */
  @IsUUID()
  integrationId!: string;

  /** PagerDuty user id, e.g. `PXPGF42`. */
  @IsString()
  @Matches(PD_ID, { message: 'userId must be a PagerDuty id (upper-case letters and digits)' })
  userId!: string;

  /** A workflow block's vault credential, used instead of the integration's own (same rate budget). */
  @IsOptional()
  @IsUUID()
  credentialId?: string;

  /** The caller's key for this action (a workflow step's), logged with the call. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  idempotencyKey?: string;
}

export class PagerDutyUsersRequest {
  @IsUUID()
  integrationId!: string;

  /** Up to 10,000 ids; fetched in ⌈N/100⌉ calls. */
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @Matches(PD_ID, { each: true, message: 'each userId must be a PagerDuty id' })
  userIds!: string[];

  /** A workflow block's vault credential, used instead of the integration's own (same rate budget). */
  @IsOptional()
  @IsUUID()
  credentialId?: string;

  /** The caller's key for this action (a workflow step's), logged with the call. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  idempotencyKey?: string;
}

export interface PagerDutyUserResult {
  /** null when PagerDuty answers 404. */
  user: Record<string, unknown> | null;
}

export interface PagerDutyUsersResult {
  users: { id: string; role: string | null; email: string | null; name: string | null; lastSignInAt: string | null }[];
  /** Asked-for ids PagerDuty does not know. */
  missing: string[];
  calls: number;
}

export interface PagerDutyDeleteResult {
  /** `deleted` (204) and `already-absent` (404) both mean done; `refused` (400) carries PagerDuty's reasons. */
  outcome: 'deleted' | 'already-absent' | 'refused';
  reasons?: string[];
  message?: string;
}

export interface PagerDutyPreflightResult {
  userId: string;
  exists: boolean;
  openIncidents: { id: string; summary: string | null }[];
  schedules: { id: string; name: string | null }[];
  escalationPolicies: { id: string; name: string | null }[];
  clear: boolean;
}

/**
 * Connector actions for workflows. All share the integration credential's rate budget with its
 * syncs. Errors: `NOT_FOUND` (integration), `VENDOR_AUTH_FAILED` (401), `VENDOR_UNAVAILABLE`
 * (retries spent), `VENDOR_ERROR` (other 4xx).
 */
export const SyncConnectorPagerDutyGetUser = defineRequest<PagerDutyUserResult>('sync.connector.pagerduty.get-user', PagerDutyUserRequest, 'integration-sync');
export const SyncConnectorPagerDutyListUsers = defineRequest<PagerDutyUsersResult>('sync.connector.pagerduty.list-users', PagerDutyUsersRequest, 'integration-sync');
export const SyncConnectorPagerDutyDeleteUser = defineRequest<PagerDutyDeleteResult>('sync.connector.pagerduty.delete-user', PagerDutyUserRequest, 'integration-sync');
export const SyncConnectorPagerDutyPreflightDelete = defineRequest<PagerDutyPreflightResult>(
  'sync.connector.pagerduty.preflight-delete',
  PagerDutyUserRequest,
  'integration-sync',
);
