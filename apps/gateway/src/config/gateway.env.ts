import { WithPublicHttp, ServiceEnv } from '@seatkeeper/platform-config';

/** The gateway service's environment: the shared bases plus the public HTTP port; fails fast at boot. */
export class GatewayEnv extends WithPublicHttp(ServiceEnv) {
  override INTERNAL_PORT = 9100;
}
