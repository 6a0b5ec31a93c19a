import { IsEmail, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** How a person stands with the organisation, e.g. from an HR feed. */
export const EMPLOYMENT_STATUSES = ['active', 'on_leave', 'terminated'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** The roles a person may hold in Seatkeeper's directory (a mapping picks one, e.g. with a constant). */
export const DIRECTORY_ROLES = ['admin', 'member', 'guest', 'service_account'] as const;
export type DirectoryRole = (typeof DIRECTORY_ROLES)[number];

/** The state of one person in the directory after the change the event reports. */
export class PersonSnapshot {
  @IsUUID()
  personId!: string;

  /** Lower-cased; unique in the directory. */
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @IsOptional()
  @IsString()
  @MaxLength(320)
  username?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  fullName?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  firstName?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  lastName?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @IsOptional()
  @IsIn(DIRECTORY_ROLES)
  directoryRole?: DirectoryRole | null;

  /** `active`, `on_leave` or `terminated`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  employmentStatus?: string | null;

  /** When a terminated person left (ISO date). */
  @IsOptional()
  @IsISO8601()
  terminationDate?: string | null;

  /** Values of custom fields by key, e.g. `{ "pagerduty_user_id": "PXPGF42" }`. */
  @IsOptional()
  @IsObject()
  customFields?: Record<string, unknown>;

  /** Field → new value for the fields this change touched (empty on creation). */
  @IsOptional()
  @IsObject()
  changed?: Record<string, unknown>;
}
