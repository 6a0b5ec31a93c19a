import { defineRequest } from '../../define-request';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SYNC_REGIONS, type SyncRegion } from '../sync/integration.dto';
import { ActorFields } from './credential-shapes';

export class TestCredentialRequest extends ActorFields {
  @IsUUID()
  id!: string;

  /** The vendor region to test against (PagerDuty: `us` or `eu`); default the connector's configured host. */
  @IsOptional()
  @IsIn(SYNC_REGIONS)
  region?: SyncRegion;

  /** A base URL replacing the region's host; the connector's egress allowlist applies. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  baseUrl?: string;
}

export interface CredentialTestResult {
  credentialId: string;
  ok: boolean;
  /** The vendor's HTTP status, when the call reached the vendor. */
  status?: number;
  /** `OK`, or the vendor's error message (never a secret). */
  message: string;
  /** The base URL the connector called, when it got that far: which endpoint answered. */
  endpoint?: string;
  testedAt: string;
}

/**
 * Asks the vendor's connector (integration-sync) to make one harmless call with the credential
 * and reports the outcome. `TEST_NOT_SUPPORTED` for a vendor without a connector test;
 * `SERVICE_UNAVAILABLE` when integration-sync does not answer.
 */
export const VaultCredentialsTest = defineRequest<CredentialTestResult>('vault.credentials.test', TestCredentialRequest, 'credential-vault');
