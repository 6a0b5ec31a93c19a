import { IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { defineRequest } from '../../define-request';
import { EmptyRequest } from '../mapping/mapping-definition.dto';

export interface SaasAppView {
  id: string;
  name: string;
  vendor: string;
  /** Price of one seat per month, as a decimal string (no float rounding), or null when unknown. */
  seatPrice: string | null;
  /** ISO 4217, e.g. `EUR`. */
  currency: string | null;
  seatsPurchased: number | null;
  /** Non-deleted SaaS users of the app. */
  saasUsers: number;
  createdAt: string;
  updatedAt: string;
}

export class SaasAppRef {
  @IsUUID()
  saasAppId!: string;
}

export class UpdateSaasAppRequest {
  @IsUUID()
  saasAppId!: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  seatPrice?: number | null;

  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  currency?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  seatsPurchased?: number | null;
}

export const DirectorySaasAppsList = defineRequest<{ data: SaasAppView[] }>('directory.saas-apps.list', EmptyRequest, 'mapping');
export const DirectorySaasAppsGet = defineRequest<SaasAppView>('directory.saas-apps.get', SaasAppRef, 'mapping');
export const DirectorySaasAppsUpdate = defineRequest<SaasAppView>('directory.saas-apps.update', UpdateSaasAppRequest, 'mapping');
