import { ConnectorError, ConnectorErrorKind } from '@seatkeeper/connector-kit';

/**
 * Errors a PagerDuty call ends with once retries are spent. Each carries the kit's neutral `kind`,
 * which is what callers decide on: an auth error fails a run, an unavailable or malformed answer
 * makes it incomplete, a refusal is returned with PagerDuty's reasons.
 */
export abstract class PagerDutyError extends ConnectorError {}

/** 401: the key or token was refused. Never retried. */
export class PagerDutyAuthError extends PagerDutyError {
  readonly kind = ConnectorErrorKind.Auth;
  override readonly status = 401;
  constructor() {
    super('PagerDuty rejected the credential (401)');
  }
}

/** A 4xx answer other than 401/429, with PagerDuty's own reason (`error.message` and `error.errors[]`). */
export class PagerDutyApiError extends PagerDutyError {
  readonly kind = ConnectorErrorKind.Refused;
  constructor(
    override readonly status: number,
    readonly code: number | null,
    override readonly reasons: string[],
    message: string,
  ) {
    super(message);
  }
}

/** The answer was not what the API describes (bad JSON, a missing array, a user without an id). */
export class PagerDutyMalformedResponseError extends PagerDutyError {
  readonly kind = ConnectorErrorKind.Malformed;
}

/** 429, 5xx, timeouts or network errors that outlasted the bounded retries. */
export class PagerDutyUnavailableError extends PagerDutyError {
  readonly kind: ConnectorErrorKind = ConnectorErrorKind.Unavailable;
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/** The last attempt was refused with a 429: PagerDuty's rate limit outlasted the retries. */
export class PagerDutyRateLimitedError extends PagerDutyUnavailableError {
  override readonly kind = ConnectorErrorKind.RateLimited;
}

/**
 * The request was not sent (or its answer not followed) because of where it would go: a base URL not
 * allowed, an address that is not public, a redirect. Final, never retried: it is a configuration error.
 */
export class EgressRefusedError extends PagerDutyError {
  readonly kind = ConnectorErrorKind.EgressRefused;
}

/** Internal: a failure worth another attempt. */
export class RetryableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
    readonly malformed = false,
    readonly rateLimited = false,
  ) {
    super(message);
    this.name = 'RetryableError';
  }
}
