import { ServiceEnv } from '@seatkeeper/platform-config';

/** The integration-sync service's environment: the shared bases; fails fast at boot. */
export class IntegrationSyncEnv extends ServiceEnv {
  override INTERNAL_PORT = 9102;
}
