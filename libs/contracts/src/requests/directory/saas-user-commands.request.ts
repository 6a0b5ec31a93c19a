import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { defineRequest } from '../../define-request';
import { SAAS_USER_STATUSES, type SaasUserStatus } from '../../events/directory/saas-user-snapshot';
import type { SaasUserView } from './saas-users.request';

export class CountSaasUsersRequest {
  @IsOptional() @IsUUID() saasAppId?: string;
  @IsOptional() @IsIn(SAAS_USER_STATUSES) status?: SaasUserStatus;
  /** The same rule language as `directory.saas-users.list`'s filter. */
  @IsOptional() @IsObject() filter?: Record<string, unknown>;
}

export class SaasUserRoleUpdate {
  @IsUUID() saasUserId!: string;
  /** The role the vendor reports now. */
  @IsString() @MinLength(1) @MaxLength(100) vendorRole!: string;
}

export class SetSaasUserRolesRequest {
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SaasUserRoleUpdate)
  updates!: SaasUserRoleUpdate[];
}

export class MarkSaasUserDeletedRequest {
  @IsUUID() saasUserId!: string;
  /** Why, e.g. `deleted in PagerDuty by workflow "Offboarding" (run …)`. */
  @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

/** How many SaaS users a filter selects (a workflow's preview and blast-radius base). */
export const DirectorySaasUsersCount = defineRequest<{ count: number }>('directory.saas-users.count', CountSaasUsersRequest, 'mapping');
/** Writes vendor roles read by a workflow; emits `directory.saas-user.updated.v1` for each changed account. */
export const DirectorySaasUsersSetRoles = defineRequest<{ updated: number; unchanged: number; missing: string[] }>(
  'directory.saas-users.set-roles',
  SetSaasUserRolesRequest,
  'mapping',
);
/** The vendor account is gone (a workflow deleted it): status `deleted`, emits `directory.saas-user.deleted.v1`. Repeating it changes nothing. */
export const DirectorySaasUsersMarkDeleted = defineRequest<SaasUserView>('directory.saas-users.mark-deleted', MarkSaasUserDeletedRequest, 'mapping');
