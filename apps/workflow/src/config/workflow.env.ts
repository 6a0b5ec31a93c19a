import { ServiceEnv } from '@seatkeeper/platform-config';

/** The workflow service's environment: the shared bases; fails fast at boot. */
export class WorkflowEnv extends ServiceEnv {
  override INTERNAL_PORT = 9104;
}
