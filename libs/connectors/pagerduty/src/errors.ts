/**
 * Errors a PagerDuty call ends with once retries are spent. Callers decide by class: an auth error
 * fails a run, an unavailable or malformed answer makes it incomplete, an API error is returned.
 */
export class PagerDutyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** 401: the key or token was refused. Never retried. */
export class PagerDutyAuthError extends PagerDutyError {
  readonly status = 401;
  constructor() {
    super('PagerDuty rejected the credential (401)');
  }
}

/** A 4xx answer other than 401/429, with PagerDuty's own reason (`error.message` and `error.errors[]`). */
export class PagerDutyApiError extends PagerDutyError {
  constructor(
    readonly status: number,
    readonly code: number | null,
    readonly reasons: string[],
    message: string,
  ) {
    super(message);
  }
}

/** The answer was not what the API describes (bad JSON, a missing array, a user without an id). */
export class PagerDutyMalformedResponseError extends PagerDutyError {}

/** 429, 5xx, timeouts or network errors that outlasted the bounded retries. */
export class PagerDutyUnavailableError extends PagerDutyError {
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/**
 * The request was not sent (or its answer not followed) because of where it would go: a base URL not
 * allowed, an address that is not public, a redirect. Final, never retried: it is a configuration error.
 */
export class EgressRefusedError extends PagerDutyError {}

/** Internal: a failure worth another attempt. */
export class RetryableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
    readonly malformed = false,
  ) {
    super(message);
    this.name = 'RetryableError';
  }
}
