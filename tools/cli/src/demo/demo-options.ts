import type { Fetch } from '../api-client';

/** Where the demo runs and against which PagerDuty account. */
export interface DemoOptions {
  gatewayUrl: string;
  adminToken: string;
  /** The simulator's URL (demo account); absent when a real PAGERDUTY_API_KEY is used. */
  simulatorUrl?: string;
  /** A real account: its key and region; the demo then never seeds and never deletes. */
  pagerduty?: { apiKey: string; region: 'us' | 'eu' };
  /** Users the simulator is seeded with (default 250, seed 1: the README's figures). */
  users?: number;
  seed?: number;
  /** Seat price (USD / month) used for the potential savings of the demo app. */
  seatPriceUsd?: number;
  consoleUrl?: string;
  /** The HTTP client (tests record every response for the secret scan). */
  fetch?: Fetch;
}

/** The simulator's default full-access key (tools/pagerduty-sim); not a secret of anyone's. */
export const SIMULATOR_API_KEY = 'pd-sim-full-access-key';
export const DEMO_INTEGRATION_NAME = 'PagerDuty (demo)';
export const PAGERDUTY_USER_ID_FIELD = { name: 'PagerDuty User ID', key: 'pagerduty_user_id', type: 'string', unique: true } as const;
