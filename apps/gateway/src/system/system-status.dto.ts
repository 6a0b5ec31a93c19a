import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SERVICE_NAMES, type ServiceName } from '@seatkeeper/contracts';
import { IsIn } from 'class-validator';

const BACKENDS = SERVICE_NAMES.filter((s) => s !== 'gateway');

export class ServiceParamDto {
  @ApiProperty({ enum: BACKENDS })
  @IsIn(BACKENDS)
  service!: ServiceName;
}

export class ServiceStatusDto {
  @ApiProperty({ enum: BACKENDS }) service!: string;
  @ApiProperty({ enum: ['up', 'unavailable'] }) status!: 'up' | 'unavailable';
  @ApiPropertyOptional() instance_id?: string;
  @ApiPropertyOptional() version?: string;
  @ApiPropertyOptional({ description: 'Why the service is unavailable' }) detail?: string;
}

export class SystemStatusDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: [ServiceStatusDto] }) services!: ServiceStatusDto[];
}
