import { ServiceEnv } from '@seatkeeper/platform-config';

/** The credential-vault service's environment: the shared bases; fails fast at boot. */
export class CredentialVaultEnv extends ServiceEnv {
  override INTERNAL_PORT = 9101;
}
