import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
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

/** What PagerDuty held for a user before a delete (`GET /users/{id}` with include[] contact_methods, notification_rules, teams). */
export class PagerDutyRestoreKit {
  /** PagerDuty's user object; `email` is required (the account is found again by it). */
  @IsObject()
  user!: Record<string, unknown>;

  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  contactMethods!: Record<string, unknown>[];

  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  notificationRules!: Record<string, unknown>[];

  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  teams!: Record<string, unknown>[];
}

export class PagerDutyRestoreUserRequest {
  @IsUUID()
  integrationId!: string;

  /** A workflow block's vault credential, used instead of the integration's own. */
  @IsOptional()
  @IsUUID()
  credentialId?: string;

  @ValidateNested()
  @Type(() => PagerDutyRestoreKit)
  kit!: PagerDutyRestoreKit;

  /** Sent as `From` on `POST /users` (PagerDuty wants a valid user's email); default: the account owner's. */
  @IsOptional()
  @IsEmail()
  @MaxLength(100)
  fromEmail?: string;

  /** The caller's key for this action (a workflow step's), logged with the call. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  idempotencyKey?: string;
}

/** A kit item a restore did not recreate, and why (e.g. a push contact method, which only the mobile app registers). */
export interface RestoreSkip {
  id: string | null;
  type: string | null;
  reason: string;
}

/** What recreating a deleted account from its restore kit did — any vendor's connector answers this. */
export interface UserRestoreResult {
  /** The restored account's (new) vendor id. */
  userId: string;
  /** An account with the kit's email already existed and was completed rather than created again. */
  existed: boolean;
  contactMethods: { created: number; kept: number; skipped: RestoreSkip[] };
  notificationRules: { created: number; kept: number; skipped: RestoreSkip[] };
  teams: { added: string[]; skipped: RestoreSkip[] };
}

/** The names the PagerDuty actions' subjects use. */
export type PagerDutyRestoreSkip = RestoreSkip;
export type PagerDutyRestoreResult = UserRestoreResult;

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
/** Recreates a deleted user from its restore kit; safe to repeat (finds the account by email, keeps what exists). */
export const SyncConnectorPagerDutyRestoreUser = defineRequest<PagerDutyRestoreResult>(
  'sync.connector.pagerduty.restore-user',
  PagerDutyRestoreUserRequest,
  'integration-sync',
);
export const SyncConnectorPagerDutyPreflightDelete = defineRequest<PagerDutyPreflightResult>(
  'sync.connector.pagerduty.preflight-delete',
  PagerDutyUserRequest,
  'integration-sync',
);
