import { IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const SAAS_USER_STATUSES = ['active', 'deactivated', 'deleted'] as const;
export type SaasUserStatus = (typeof SAAS_USER_STATUSES)[number];

/** The state of one SaaS user (an account in a vendor) after the change the event reports. */
export class SaasUserSnapshot {
  @IsUUID()
  saasUserId!: string;

  @IsUUID()
  saasAppId!: string;

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

  @IsOptional()
  @IsString()
  @MaxLength(100)
  vendorRole?: string | null;

  @IsIn(SAAS_USER_STATUSES)
  status!: SaasUserStatus;

  @IsOptional()
  @IsISO8601()
  lastActivityAt?: string | null;

  /** Field → new value for the fields this change touched (empty on creation). */
  @IsOptional()
  @IsObject()
  changed?: Record<string, unknown>;
}
