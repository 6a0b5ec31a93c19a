import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import {
  DIRECTORY_ROLES,
  EMPLOYMENT_STATUSES,
  type DirectoryRole,
  type EmploymentStatus,
  type ImportPeopleResult,
  type ImportRowReport,
  type PersonView,
} from '@seatkeeper/contracts';
import { PageQueryDto } from '../http/pagination';
import { toSnakeCase, type SnakeCased } from '../http/public-names';
import { IsJsonRule, MAX_FILTER_QUERY_LENGTH } from './rule-filter.query';

export class ListPeopleQuery extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'A rule (rule language) as JSON over: email, username, fullName, firstName, lastName, jobTitle, department, directoryRole, employmentStatus, terminationDate, createdAt, updatedAt',
    example: '{"all":[{"field":"employmentStatus","op":"eq","value":"terminated"}]}',
    maxLength: MAX_FILTER_QUERY_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER_QUERY_LENGTH)
  @IsJsonRule()
  filter?: string;
}

export class UpdatePersonDto {
  @ApiPropertyOptional({ enum: EMPLOYMENT_STATUSES })
  @IsOptional()
  @IsIn(EMPLOYMENT_STATUSES)
  employment_status?: EmploymentStatus;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Required with terminated; cleared with any other status' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  @IsISO8601({ strict: true })
  termination_date?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  job_title?: string;

  @ApiPropertyOptional({ enum: DIRECTORY_ROLES })
  @IsOptional()
  @IsIn(DIRECTORY_ROLES)
  directory_role?: DirectoryRole;
}

/** One HR feed row. Only types and lengths are checked here: the import reports a bad value per row instead of refusing the feed. */
export class ImportRowDto {
  @ApiPropertyOptional({ maxLength: 320, example: 'ann@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ maxLength: 50, example: 'terminated', description: `One of ${EMPLOYMENT_STATUSES.join(', ')}` })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  employment_status?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string;

  @ApiPropertyOptional({ maxLength: 50, example: '2026-12-31', description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  termination_date?: string;
}

/** 64 KiB of CSV is about 800 rows; larger feeds are sent in parts (the import upserts by email) or as `rows`. */
export const MAX_CSV_CONTENT = 65_536;
export const MAX_IMPORT_ROWS = 5000;

export class ImportPeopleDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], description: 'Required with `content`: how it is written' })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';

  @ApiPropertyOptional({
    maxLength: MAX_CSV_CONTENT,
    description: 'CSV with a header row (email, employment_status, department, termination_date), or a JSON array of such objects',
    example: 'email,employment_status,termination_date\nann@example.com,terminated,2026-12-31\n',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CSV_CONTENT)
  content?: string;

  @ApiPropertyOptional({ type: [ImportRowDto], maxItems: MAX_IMPORT_ROWS, description: 'The feed as rows (instead of `content`)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ImportRowDto)
  rows?: ImportRowDto[];
}

// ---- responses: the directory contracts in snake_case (../http/public-names), each held to its contract by `implements` ----

export class PersonDto implements SnakeCased<PersonView, 'customFields'> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) username!: string | null;
  @ApiProperty({ type: String, nullable: true }) full_name!: string | null;
  @ApiProperty({ type: String, nullable: true }) first_name!: string | null;
  @ApiProperty({ type: String, nullable: true }) last_name!: string | null;
  @ApiProperty({ type: String, nullable: true }) job_title!: string | null;
  @ApiProperty({ type: String, nullable: true }) time_zone!: string | null;
  @ApiProperty({ type: String, nullable: true }) department!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: DIRECTORY_ROLES }) directory_role!: string | null;
  @ApiProperty({ enum: EMPLOYMENT_STATUSES }) employment_status!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) termination_date!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Values of custom fields, by key' })
  custom_fields!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class ImportRowReportDto implements SnakeCased<ImportRowReport> {
  @ApiProperty({ description: '1-based data row (the CSV header is row 0)' }) row!: number;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged', 'refused'] }) outcome!: 'created' | 'updated' | 'unchanged' | 'refused';
  @ApiPropertyOptional({ description: 'Why the row was refused' }) reason?: string;
}

export class ImportPeopleResultDto implements SnakeCased<ImportPeopleResult> {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() refused!: number;
  @ApiProperty({ type: [ImportRowReportDto] }) rows!: ImportRowReportDto[];
}

/** A person's `customFields` are keyed by the custom fields' own keys: data, not shape. */
export function toPersonDto(p: PersonView): PersonDto {
  return toSnakeCase(p, ['customFields']);
}
