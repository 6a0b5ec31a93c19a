import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../http/pagination';

export class AuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'A token id or a token name', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ description: '`METHOD /route` (e.g. `DELETE /api/v1/tokens/:id`) or just a method (`POST`)', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  action?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  until?: string;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurred_at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null when the request had no valid token' })
  actor_token_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) actor_name!: string | null;
  @ApiProperty({ description: '`METHOD /route/:template`' }) action!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The id the request acted on' }) target!: string | null;
  @ApiProperty({ description: 'The HTTP status answered' }) status!: number;
  @ApiProperty({ type: String, nullable: true }) request_id!: string | null;
}
