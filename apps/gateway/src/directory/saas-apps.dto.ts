import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SaasAppView } from '@seatkeeper/contracts';
import { IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { SnakeCased } from '../http/public-names';

/** The column is numeric(14,4). */
const MAX_SEAT_PRICE = 9_999_999_999;

export class UpdateSaasAppDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: 'PagerDuty' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_SEAT_PRICE, example: 21.5, description: 'Price of one seat per month (at most 4 decimals)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_SEAT_PRICE)
  seat_price?: number;

  @ApiPropertyOptional({ example: 'EUR', maxLength: 3, description: 'ISO 4217' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000_000, example: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  seats_purchased?: number;
}

/** The contract's SaasAppView in snake_case (../http/public-names). */
export class SaasAppDto implements SnakeCased<SaasAppView> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'PagerDuty' }) name!: string;
  @ApiProperty({ example: 'pagerduty' }) vendor!: string;
  @ApiProperty({ type: String, nullable: true, example: '21.5000', description: 'Decimal string (no float rounding); null when unknown' })
  seat_price!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR' }) currency!: string | null;
  @ApiProperty({ type: Number, nullable: true }) seats_purchased!: number | null;
  @ApiProperty({ description: 'Non-deleted SaaS users of the app' }) saas_users!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}
