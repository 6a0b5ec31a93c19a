import { ServiceEnv } from '@seatkeeper/platform-config';

/** The reporting service's environment: the shared bases; fails fast at boot. */
export class ReportingEnv extends ServiceEnv {
  override INTERNAL_PORT = 9105;
}
