import { IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const SAAS_USER_STATUSES = ['active', 'deactivated', 'deleted'] as const;
export type SaasUserStatus = (typeof SAAS_USER_STATUSES)[number];

/** The state of one SaaS user (an account in a vendor) after the change the event reports. */
export class SaasUserSnapshot {
  @IsUUID()
  saasUserId!: string;

  @IsUUID()
  saasAppId!: string;

  /** Vendor key of the app, e.g. `pagerduty`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  vendor?: string;

  /** The person who holds the account, when known. */
  @IsOptional()
  @IsUUID()
  personId?: string | null;

  /** The account's id in the vendor, e.g. PagerDuty's `PXPGF42`. */
  @IsString()
  @MaxLength(200)
  externalId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string | null;

  /** The role in the vendor, e.g. PagerDuty's `limited_user`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  vendorRole?: string | null;

  /** The vendor's account type, e.g. PagerDuty's `user`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string | null;

  /** True while the vendor's invitation is outstanding. */
  @IsOptional()
  @IsBoolean()
  invitationSent?: boolean | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  license?: string | null;

  @IsIn(SAAS_USER_STATUSES)
  status!: SaasUserStatus;

  /** Why the account was deactivated (`missing upstream`, or an operator's reason). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  deactivatedReason?: string | null;

  @IsOptional()
  @IsISO8601()
  lastActivityAt?: string | null;

  /** Where `lastActivityAt` came from, e.g. `pagerduty.last_sign_in_at`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lastActivitySource?: string | null;

  /** Since when a complete sync of the app no longer returned the account; null while it is seen. */
  @IsOptional()
  @IsISO8601()
  missingUpstreamSince?: string | null;

  /** Field → new value for the fields this change touched (empty on creation). */
  @IsOptional()
  @IsObject()
  changed?: Record<string, unknown>;
}
