import { EgressPolicy, type ConnectorCredential } from '@seatkeeper/connector-kit';
import { EgressRefusedError } from './errors';

/** Where PagerDuty lives and how to authenticate against it. */
export type PagerDutyRegion = 'us' | 'eu';

export const PAGERDUTY_BASE_URLS: Record<PagerDutyRegion, string> = {
  us: 'https://api.pagerduty.com',
  eu: 'https://api.eu.pagerduty.com',
};

/** The default egress: the official hosts only (an operator lists others through the service's env). */
export const OFFICIAL_EGRESS = pagerDutyEgress();

/** An egress policy for the official hosts plus the base URLs an operator listed (the simulator, a proxy). */
export function pagerDutyEgress(allowedBaseUrls: readonly string[] = []): EgressPolicy {
  // A refusal is the connector's own EgressRefusedError: a PagerDutyError callers already handle.
  return new EgressPolicy(Object.values(PAGERDUTY_BASE_URLS), { allowedBaseUrls, refuse: (message) => new EgressRefusedError(message) });
}

/** `token`: an account or user API key (`Authorization: Token token=…`); `bearer`: an OAuth access token. */
export type PagerDutyAuthKind = 'token' | 'bearer';

/**
 * A key or token, or headers already rendered by the vault (`vault.credentials.resolve` answers
 * with the HTTP headers to send). Held in memory for the duration of a call or run, never logged.
 */
export type PagerDutyCredential = ConnectorCredential;

export interface PagerDutyConnection {
  region: PagerDutyRegion;
  /** Overrides the region's host (the simulator, a proxy). */
  baseUrl?: string;
  credential: PagerDutyCredential;
}

export function baseUrlOf(connection: Pick<PagerDutyConnection, 'region' | 'baseUrl'>): string {
  return (connection.baseUrl ?? PAGERDUTY_BASE_URLS[connection.region]).replace(/\/+$/, '');
}

/** The auth headers a request carries. */
export function authHeaders(credential: PagerDutyCredential): Record<string, string> {
  if (credential.kind === 'headers') return { ...credential.headers };
  return { Authorization: credential.kind === 'bearer' ? `Bearer ${credential.secret}` : `Token token=${credential.secret}` };
}

/** What identifies the credential for its rate budget (hashed by the caller, never stored). */
export function credentialIdentity(credential: PagerDutyCredential): string {
  if (credential.kind === 'headers') return Object.entries(credential.headers).sort().map(([k, v]) => `${k.toLowerCase()}:${v}`).join('\n');
  return credential.secret;
}
