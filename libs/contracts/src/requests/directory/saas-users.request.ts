import { IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { defineRequest } from '../../define-request';
import { SAAS_USER_STATUSES, type SaasUserStatus } from '../../events/directory/saas-user-snapshot';
import { PageRequest, type Page, type PersonView } from './people.request';

export interface SaasUserView {
  id: string;
  saasAppId: string;
  /** The integration that syncs the account (null for accounts entered by hand). */
  integrationId: string | null;
  appName: string;
  vendor: string;
  externalId: string;
  email: string | null;
  vendorRole: string | null;
  type: string | null;
  invitationSent: boolean | null;
  license: string | null;
  status: SaasUserStatus;
  deactivatedReason: string | null;
  deactivatedAt: string | null;
  lastActivityAt: string | null;
  lastActivitySource: string | null;
  missingUpstreamSince: string | null;
  person: Pick<PersonView, 'id' | 'email' | 'fullName' | 'employmentStatus'> | null;
  createdAt: string;
  updatedAt: string;
}

export class ListSaasUsersRequest extends PageRequest {
  @IsOptional()
  @IsUUID()
  saasAppId?: string;

  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsOptional()
  @IsIn(SAAS_USER_STATUSES)
  status?: SaasUserStatus;

  /** A rule (libs/rules) over: externalId, email, vendorRole, type, status, lastActivityAt, missingUpstreamSince, saasApp.name, person.email, person.employmentStatus. */
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown>;
}

export class SaasUserRef {
  @IsUUID()
  saasUserId!: string;
}

export class DeactivateSaasUserRequest {
  @IsUUID()
  saasUserId!: string;

  /** Why, kept on the account and put on the event. */
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export const DirectorySaasUsersList = defineRequest<Page<SaasUserView>>('directory.saas-users.list', ListSaasUsersRequest, 'mapping');
export const DirectorySaasUsersGet = defineRequest<SaasUserView>('directory.saas-users.get', SaasUserRef, 'mapping');
/** Operators: mark an account deactivated in the directory (emits `directory.saas-user.deactivated.v1`). */
export const DirectorySaasUsersDeactivate = defineRequest<SaasUserView>(
  'directory.saas-users.deactivate',
  DeactivateSaasUserRequest,
  'mapping',
);
export const DirectorySaasUsersReactivate = defineRequest<SaasUserView>('directory.saas-users.reactivate', SaasUserRef, 'mapping');
