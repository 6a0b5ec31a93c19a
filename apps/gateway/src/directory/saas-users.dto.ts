import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { EMPLOYMENT_STATUSES, SAAS_USER_STATUSES, type SaasUserStatus, type SaasUserView } from '@seatkeeper/contracts';
import { PageQueryDto } from '../http/pagination';
import { toSnakeCase, type SnakeCased } from '../http/public-names';
import { IsJsonRule, MAX_FILTER_QUERY_LENGTH } from './rule-filter.query';

export class ListSaasUsersQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  saas_app_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  person_id?: string;

  @ApiPropertyOptional({ enum: SAAS_USER_STATUSES })
  @IsOptional()
  @IsIn(SAAS_USER_STATUSES)
  status?: SaasUserStatus;

  @ApiPropertyOptional({
    description:
      'A rule (rule language) as JSON over: externalId, email, vendorRole, type, status, invitationSent, lastActivityAt, missingUpstreamSince, saasApp.name, saasApp.vendor, person.email, person.employmentStatus',
    example: '{"field":"lastActivityAt","op":"more_than_days_ago","value":90}',
    maxLength: MAX_FILTER_QUERY_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER_QUERY_LENGTH)
  @IsJsonRule()
  filter?: string;
}

export class DeactivateSaasUserDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'removed in PagerDuty by hand', description: 'Kept on the account and put on the event' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

class SaasUserPersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) full_name!: string | null;
  @ApiProperty({ enum: EMPLOYMENT_STATUSES }) employment_status!: string;
}

/** The contract's SaasUserView in snake_case (../http/public-names). Deliberate: its `integrationId` is not shown (it never was). */
export class SaasUserDto implements SnakeCased<Omit<SaasUserView, 'integrationId'>> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) saas_app_id!: string;
  @ApiProperty() app_name!: string;
  @ApiProperty() vendor!: string;
  @ApiProperty({ description: 'The account id in the vendor' }) external_id!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) vendor_role!: string | null;
  @ApiProperty({ type: String, nullable: true }) type!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) invitation_sent!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) license!: string | null;
  @ApiProperty({ enum: SAAS_USER_STATUSES }) status!: SaasUserStatus;
  @ApiProperty({ type: String, nullable: true }) deactivated_reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deactivated_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_activity_at!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where the last activity comes from' }) last_activity_source!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set when a complete run no longer returned the account' })
  missing_upstream_since!: string | null;
  @ApiProperty({ type: SaasUserPersonDto, nullable: true }) person!: SaasUserPersonDto | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export function toSaasUserDto({ integrationId: _integrationId, ...s }: SaasUserView): SaasUserDto {
  return toSnakeCase(s);
}
