import { ConnectorErrorKind, connectorErrorKind } from '@seatkeeper/connector-kit';

/** How a run's fetch ends. */
export type RunOutcome =
  | { kind: 'fetched' }
  | { kind: 'incomplete'; reason: string }
  | { kind: 'failed'; reason: string; credentialRejected?: boolean };

/**
 * How a connector error ends a run, by its neutral kind; null when it is not the vendor's doing
 * (a bug, the database, the bus), which the worker retries from the last checkpoint.
 */
export function outcomeOfFetchError(e: unknown): Exclude<RunOutcome, { kind: 'fetched' }> | null {
  const kind = connectorErrorKind(e);
  if (kind === null) return null;
  const reason = (e as Error).message;
  switch (kind) {
    case ConnectorErrorKind.Auth:
      return { kind: 'failed', reason, credentialRejected: true };
    case ConnectorErrorKind.EgressRefused:
      // A configuration error, not an outage: nothing was sent, another attempt would be refused too.
      return { kind: 'failed', reason };
    default:
      // Rate-limited, unavailable, refused or malformed: what was fetched is kept, the run says why it stopped.
      return { kind: 'incomplete', reason: `stopped fetching: ${reason}` };
  }
}
