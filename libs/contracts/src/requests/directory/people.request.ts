import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { defineRequest } from '../../define-request';
import { DIRECTORY_ROLES, EMPLOYMENT_STATUSES, type DirectoryRole, type EmploymentStatus } from '../../events/directory/person-snapshot';

export interface PersonView {
  id: string;
  email: string;
  username: string | null;
  fullName: string | null;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  timeZone: string | null;
  department: string | null;
  directoryRole: string | null;
  employmentStatus: string;
  terminationDate: string | null;
  customFields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  data: T[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

export class PageRequest {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class ListPeopleRequest extends PageRequest {
  /** A rule (libs/rules) over: email, username, fullName, firstName, lastName, jobTitle, department, directoryRole, employmentStatus, terminationDate, createdAt, updatedAt. */
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown>;
}

export class PersonRef {
  @IsUUID()
  personId!: string;
}

export class UpdatePersonRequest {
  @IsUUID()
  personId!: string;

  @IsOptional()
  @IsIn(EMPLOYMENT_STATUSES)
  employmentStatus?: EmploymentStatus;

  /** Required with `terminated` (ISO date); cleared otherwise. */
  @IsOptional()
  @IsISO8601({ strict: true })
  terminationDate?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @IsOptional()
  @IsIn(DIRECTORY_ROLES)
  directoryRole?: DirectoryRole;
}

export class ImportPeopleRequest {
  @IsIn(['csv', 'json'])
  format!: 'csv' | 'json';

  /** CSV with a header row (email, employment_status, department, termination_date) or a JSON array of such objects. At most 5 MB. */
  @IsString()
  @MaxLength(5_000_000)
  content!: string;
}

export interface ImportRowReport {
  /** 1-based data row (the CSV header is row 0). */
  row: number;
  email: string | null;
  outcome: 'created' | 'updated' | 'unchanged' | 'refused';
  reason?: string;
}

export interface ImportPeopleResult {
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  rows: ImportRowReport[];
}

export const DirectoryPeopleList = defineRequest<Page<PersonView>>('directory.people.list', ListPeopleRequest, 'mapping');
export const DirectoryPeopleGet = defineRequest<PersonView>('directory.people.get', PersonRef, 'mapping');
export const DirectoryPeopleUpdate = defineRequest<PersonView>('directory.people.update', UpdatePersonRequest, 'mapping');
/** HR feed: upsert people by email; a per-row report of what was applied and what was refused and why. */
export const DirectoryPeopleImport = defineRequest<ImportPeopleResult>('directory.people.import', ImportPeopleRequest, 'mapping');
