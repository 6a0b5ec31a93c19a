import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineRequest } from '../../define-request';
import { SYNC_REGIONS, type SyncRegion } from './integration.dto';

export class PagerDutyTestCredentialRequest {
  /** The vault credential to test. integration-sync resolves it itself (`vault.credentials.resolve`, purpose `credential-test`). */
  @IsUUID()
  credentialId!: string;

  /** The region the credential will be used in (an EU account's key fails against the US host). */
  @IsOptional()
  @IsIn(SYNC_REGIONS)
  region?: SyncRegion;

  /** A base URL replacing the region's host (the simulator, a proxy); integration-sync's egress allowlist applies. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  baseUrl?: string;

  /** Who asked for the test (for integration-sync's logs). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  requestedBy?: string;
}

export interface ConnectorTestCredentialResult {
  /** True when the vendor answered 2xx. */
  ok: boolean;
  /** The vendor's HTTP status; absent when the vendor could not be reached. */
  status?: number;
  /** `OK`, or the vendor's error message (e.g. PagerDuty `{"error":{"message"}}`), never a secret. */
  message: string;
  /** The vendor's own error code, e.g. PagerDuty `2006`. */
  vendorCode?: number | string;
  /** The base URL the call was made to (e.g. `https://api.eu.pagerduty.com`): which endpoint answered. */
  endpoint?: string;
}

/**
 * Asked by credential-vault when an admin tests a PagerDuty credential. integration-sync resolves
 * the credential, makes ONE harmless call — `GET /users?limit=1` against the region or base URL
 * asked for (default: its configured PagerDuty base URL) with the resolved headers — and replies with the outcome. A vendor error is a normal
 * reply (`ok: false`), not an RpcException; only a failure to resolve is an error reply.
 */
export const SyncConnectorPagerDutyTestCredential = defineRequest<ConnectorTestCredentialResult>(
  'sync.connector.pagerduty.test-credential',
  PagerDutyTestCredentialRequest,
  'integration-sync',
);
