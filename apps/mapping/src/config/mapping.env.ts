import { ServiceEnv } from '@seatkeeper/platform-config';

/** The mapping service's environment: the shared bases; fails fast at boot. */
export class MappingEnv extends ServiceEnv {
  override INTERNAL_PORT = 9103;
}
