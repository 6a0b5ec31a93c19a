import { defineRequest } from '../../define-request';
import { IsUUID } from 'class-validator';
import { ActorFields } from './credential-shapes';

export class TestCredentialRequest extends ActorFields {
  @IsUUID()
  id!: string;
}

export interface CredentialTestResult {
  credentialId: string;
  ok: boolean;
  /** The vendor's HTTP status, when the call reached the vendor. */
  status?: number;
  /** `OK`, or the vendor's error message (never a secret). */
  message: string;
  testedAt: string;
}

/**
 * Asks the vendor's connector (integration-sync) to make one harmless call with the credential
 * and reports the outcome. `TEST_NOT_SUPPORTED` for a vendor without a connector test;
 * `SERVICE_UNAVAILABLE` when integration-sync does not answer.
 */
export const VaultCredentialsTest = defineRequest<CredentialTestResult>('vault.credentials.test', TestCredentialRequest, 'credential-vault');
