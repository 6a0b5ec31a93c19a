import { ExponentialBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';
import { createHash } from 'node:crypto';
import { fetch as undiciFetch } from 'undici';
import { authHeaders, baseUrlOf, credentialIdentity, OFFICIAL_EGRESS, type PagerDutyConnection } from '../connection';
import {
  EgressRefusedError,
  PagerDutyApiError,
  PagerDutyAuthError,
  PagerDutyMalformedResponseError,
  PagerDutyRateLimitedError,
  PagerDutyUnavailableError,
  RetryableError,
} from '../errors';
import { refusalIn, type EgressPolicy } from '@seatkeeper/connector-kit';
import { RateBudget, RateBudgetRegistry, type RateBudgetOptions } from './rate-budget';

export const PAGERDUTY_ACCEPT = 'application/vnd.pagerduty+json;version=2';

export interface RetryOptions {
  /** Attempts in all, the first included (default 6). */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface PagerDutyClientOptions {
  rateBudget?: RateBudgetOptions;
  retry?: Partial<RetryOptions>;
  /** Per-attempt timeout (default 30 s); a slow page beyond it is retried. */
  timeoutMs?: number;
  /** Shared budgets; pass one registry to every client of the process. */
  budgets?: RateBudgetRegistry;
  userAgent?: string;
  /** Where the credential may be sent (default: the official PagerDuty hosts only). */
  egress?: EgressPolicy;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface PagerDutyRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Headers for this request only (e.g. `From` on `POST /users`); they cannot replace auth or `Accept`. */
  headers?: Record<string, string>;
}

export interface PagerDutyResponse {
  status: number;
  /** Parsed JSON, or null for an empty body (204). */
  body: unknown;
}

/** Counters a caller can read for progress and metrics. */
export interface PagerDutyCallStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, initialDelayMs: 250, maxDelayMs: 10_000 };

/**
 * PagerDuty REST v2 on node's fetch: auth header, version `Accept`, US/EU host, one shared rate
 * budget per credential, and bounded retries with decorrelated jitter (cockatiel) on 429, 5xx,
 * 408, timeouts, dropped connections and unparseable bodies. 401 and other 4xx are final.
 */
export class PagerDutyHttpClient {
  readonly baseUrl: string;
  readonly budget: RateBudget;
  readonly stats: PagerDutyCallStats = { requests: 0, retries: 0, rateLimited: 0 };
  private readonly policy: RetryPolicy;
  private readonly retryOptions: RetryOptions;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly egress: EgressPolicy;

  constructor(connection: PagerDutyConnection, options: PagerDutyClientOptions = {}) {
    this.baseUrl = baseUrlOf(connection);
    this.egress = options.egress ?? OFFICIAL_EGRESS;
    const fingerprint = createHash('sha256').update(`${this.baseUrl}\n${credentialIdentity(connection.credential)}`).digest('hex');
    const registry = options.budgets ?? new RateBudgetRegistry();
    this.budget = registry.for(fingerprint, options.rateBudget);
    this.retryOptions = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.headers = {
      Accept: PAGERDUTY_ACCEPT,
      'Content-Type': 'application/json',
      'User-Agent': options.userAgent ?? 'seatkeeper-connector-pagerduty/1',
      ...authHeaders(connection.credential),
    };
    this.policy = retry(handleWhen((e) => e instanceof RetryableError), {
      maxAttempts: this.retryOptions.maxAttempts - 1,
      backoff: new ExponentialBackoff({
        initialDelay: this.retryOptions.initialDelayMs,
        maxDelay: this.retryOptions.maxDelayMs,
      }),
    });
    this.policy.onRetry(() => this.stats.retries++);
  }

  /** Sends a request through the budget and the retry policy; returns the 2xx answer or throws a PagerDutyError. */
  async send(request: PagerDutyRequest, signal?: AbortSignal): Promise<PagerDutyResponse> {
    // Before anything is sent, and again for every connection (the dispatcher checks resolved addresses).
    this.egress.checkBaseUrl(this.baseUrl);
    let attempts = 0;
    try {
      return await this.policy.execute(() => {
        attempts++;
        return this.budget.schedule(() => this.attempt(request));
      }, signal);
    } catch (e) {
      if (e instanceof RetryableError) {
        if (e.malformed) throw new PagerDutyMalformedResponseError(`${describe(request)}: ${e.message} (after ${attempts} attempts)`);
        const message = `${describe(request)}: ${e.message} (gave up after ${attempts} attempts)`;
        // The same outcome for a caller (transient), told apart so it can say which limit it hit.
        if (e.rateLimited) throw new PagerDutyRateLimitedError(message, attempts);
        throw new PagerDutyUnavailableError(message, attempts);
      }
      throw e;
    }
  }

  private async attempt(request: PagerDutyRequest): Promise<PagerDutyResponse> {
    this.stats.requests++;
    let res: Awaited<ReturnType<typeof undiciFetch>>;
    let text: string;
    try {
      res = await undiciFetch(this.url(request), {
        method: request.method,
        headers: request.headers ? this.withExtra(request.headers) : this.headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.timeoutMs),
        // A redirect could lead the credential anywhere: it is never followed (see below).
        redirect: 'manual',
        dispatcher: this.egress.dispatcher(),
      });
      this.budget.observe(res.status, res.headers);
      // Read the whole body inside the try: a connection cut mid-body is a network error, not a bad page.
      text = await res.text();
    } catch (e) {
      const refused = refusalIn(e, (cur): cur is EgressRefusedError => cur instanceof EgressRefusedError);
      if (refused) throw refused;
      const why = (e as Error).name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : `network error (${(e as Error).message})`;
      throw new RetryableError(why, e);
    }
    if (res.status >= 300 && res.status < 400) {
      throw new EgressRefusedError(`${describe(request)}: the vendor answered ${res.status} (a redirect); redirects are not followed`);
    }
    if (res.status === 429) {
      this.stats.rateLimited++;
      throw new RetryableError('rate limited (429)', undefined, false, true);
    }
    if (res.status >= 500 || res.status === 408) throw new RetryableError(`PagerDuty answered ${res.status}`);
    if (res.status === 401) throw new PagerDutyAuthError();
    if (res.status >= 400) throw apiError(res.status, text);
    if (text.trim() === '') return { status: res.status, body: null };
    try {
      return { status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      throw new RetryableError(`the ${res.status} answer is not valid JSON (${text.length} bytes)`, undefined, true);
    }
  }

  /** The client's headers win over a request's, whatever their case (a request may add `From`, not replace auth). */
  private withExtra(extra: Record<string, string>): Record<string, string> {
    const own = new Set(Object.keys(this.headers).map((k) => k.toLowerCase()));
    const added = Object.entries(extra).filter(([k]) => !own.has(k.toLowerCase()));
    return { ...Object.fromEntries(added), ...this.headers };
  }

  private url(request: PagerDutyRequest): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
      else params.append(key, String(value));
    }
    const qs = params.toString();
    return `${this.baseUrl}${request.path}${qs ? `?${qs}` : ''}`;
  }
}


function describe(request: PagerDutyRequest): string {
  return `${request.method} ${request.path}`;
}

/** PagerDuty's error body is `{"error":{"message","code","errors":[…]}}`; a 4xx may also come without JSON. */
function apiError(status: number, text: string): PagerDutyApiError {
  let code: number | null = null;
  let message = `PagerDuty answered ${status}`;
  let reasons: string[] = [];
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown; code?: unknown; errors?: unknown } };
    const err = parsed.error;
    if (err && typeof err === 'object') {
      if (typeof err.code === 'number') code = err.code;
      if (typeof err.message === 'string') message = `PagerDuty answered ${status}: ${err.message}`;
      if (Array.isArray(err.errors)) reasons = err.errors.filter((r): r is string => typeof r === 'string');
    }
  } catch {
    // not JSON: keep the status alone
  }
  return new PagerDutyApiError(status, code, reasons, reasons.length ? `${message} (${reasons.join('; ')})` : message);
}
