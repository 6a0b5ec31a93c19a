/**
 * What a caller decides on when a vendor call fails, whatever the vendor: every connector's errors
 * carry one of these kinds, so the runner and the workflow actions branch on the kind, never on a
 * vendor's classes.
 */
export const ConnectorErrorKind = {
  /** The vendor refused the credential (a 401). Final: a run fails and its integration is flagged. */
  Auth: 'auth',
  /** The vendor's rate limit outlasted the bounded retries. Transient. */
  RateLimited: 'rate-limited',
  /** 5xx, timeouts or network errors outlasted the bounded retries. Transient. */
  Unavailable: 'unavailable',
  /** The vendor answered and said no (a 4xx other than auth or rate limit), with its `status` and `reasons`. */
  Refused: 'refused',
  /** The answer was not what the vendor's API describes (bad JSON, a missing field). */
  Malformed: 'malformed',
  /** Nothing was sent: the target is not one a credential may go to (see EgressPolicy). A configuration error. */
  EgressRefused: 'egress-refused',
} as const;

export type ConnectorErrorKind = (typeof ConnectorErrorKind)[keyof typeof ConnectorErrorKind];

/**
 * The base of every connector's errors (a vendor keeps its own subclasses, e.g. one per HTTP
 * outcome); `kind` is what callers read. `status` and `reasons` are the vendor's answer when it
 * gave one (a `refused` error always has a status).
 */
export abstract class ConnectorError extends Error {
  abstract readonly kind: ConnectorErrorKind;
  declare readonly status?: number;
  declare readonly reasons?: readonly string[];

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The kind of a connector error; null for anything else (a bug, the database, the bus: not the vendor's doing). */
export function connectorErrorKind(e: unknown): ConnectorErrorKind | null {
  return e instanceof ConnectorError ? e.kind : null;
}
