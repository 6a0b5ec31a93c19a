import { NO_EXTRAS, type CompletenessVerdict, type Connector, type CredentialCheck, type UserExtras, type UserPage } from '@seatkeeper/connector-kit';
import { PagerDutyUserActions } from './actions/user-actions';
import { PagerDutyUserRestore } from './actions/user-restore';
import type { PagerDutyConnection } from './connection';
import { PagerDutyApiError, PagerDutyAuthError, PagerDutyError } from './errors';
import { fetchRawUsers, isAnalyticsUnavailable } from './extras/last-sign-in';
import { fetchLicenceByRole, type LicenceRef } from './extras/licences';
import { PagerDutyHttpClient, type PagerDutyClientOptions } from './http/pagerduty-http.client';
import { initialCursor, judgeCompleteness, UserEnumeration, type EnumerationCursor } from './users/user-enumeration';
import type { PagerDutyUserRecord } from './users/user-page';

/** The vendor id integrations name PagerDuty by (`integration.vendor`, the events' `vendor`). */
export const PAGERDUTY_VENDOR = 'pagerduty';

// The kit's shapes, under the names this library always exported them by.
export { NO_EXTRAS, type CredentialCheck, type UserExtras };

export interface SyncPage extends UserPage<EnumerationCursor> {
  /**
   * Records in vendor shape, with the extras under PagerDuty's own names (the source fields mapping
   * offers): `license`, `last_sign_in_at`, and `connector_sync_time`.
   */
  records: PagerDutyUserRecord[];
  cursor: EnumerationCursor;
  /** Extras that could not be read (e.g. analytics not on the plan); the records carry null for them. */
  warnings: string[];
}

/** The PagerDuty connector: user enumeration with extras, and the single-user actions. */
export class PagerDutyConnector implements Connector<EnumerationCursor> {
  readonly vendor = PAGERDUTY_VENDOR;
  readonly http: PagerDutyHttpClient;
  readonly actions: PagerDutyUserActions;
  readonly restore: PagerDutyUserRestore;
  private licences?: Map<string, LicenceRef | null>;
  private analyticsUnavailable = false;

  constructor(connection: PagerDutyConnection, options: PagerDutyClientOptions = {}) {
    this.http = new PagerDutyHttpClient(connection, options);
    this.actions = new PagerDutyUserActions(this.http);
    this.restore = new PagerDutyUserRestore(this.http);
  }

  get endpoint(): string {
    return this.http.baseUrl;
  }

  get stats(): { readonly requests: number } {
    return this.http.stats;
  }

  initialCursor(): EnumerationCursor {
    return initialCursor();
  }

  /** Complete only when the distinct users fetched equal PagerDuty's total and the total did not move (see user-enumeration.ts). */
  judgeCompleteness(cursor: EnumerationCursor, distinctFetched: number): CompletenessVerdict {
    return judgeCompleteness(cursor, distinctFetched);
  }

  /** One harmless `GET /users?limit=1`: does PagerDuty accept this credential? */
  async testCredential(signal?: AbortSignal): Promise<CredentialCheck> {
    try {
      await this.http.send({ method: 'GET', path: '/users', query: { limit: 1 } }, signal);
      return { ok: true };
    } catch (e) {
      if (e instanceof PagerDutyAuthError) return { ok: false, status: 401, message: e.message };
      if (e instanceof PagerDutyApiError) return { ok: false, status: e.status, message: e.message };
      if (e instanceof PagerDutyError) return { ok: false, status: null, message: e.message };
      throw e;
    }
  }

  /** Fetches the page the cursor points at, plus the extras asked for. */
  async nextUsersPage(cursor: EnumerationCursor, extras: UserExtras, pageSize = 100, signal?: AbortSignal): Promise<SyncPage> {
    const enumeration = new UserEnumeration(this.http, { pageSize, includeTeams: extras.teams });
    const step = await enumeration.step(cursor, signal);
    const warnings: string[] = [];
    const records = step.users;
    if (records.length && extras.licence) {
      this.licences ??= await fetchLicenceByRole(this.http, signal);
      // PagerDuty's own field name, filled only where the user object did not carry it.
      for (const r of records) r['license'] ??= typeof r['role'] === 'string' ? (this.licences.get(r['role']) ?? null) : null;
    }
    if (records.length && extras.lastSignIn) {
      let rows = new Map<string, { lastSignInAt: string | null }>();
      if (!this.analyticsUnavailable) {
        try {
          rows = await fetchRawUsers(this.http, records.map((r) => r.id), signal, (w) => warnings.push(w));
        } catch (e) {
          if (!isAnalyticsUnavailable(e)) throw e;
          this.analyticsUnavailable = true;
          warnings.push(`last sign-in unavailable: ${(e as Error).message}`);
        }
      }
      for (const r of records) {
        // No row or no timestamp: PagerDuty has no data. That is unknown, never "inactive".
        // The field keeps the analytics API's name, which is what mapping offers as a source field.
        r['last_sign_in_at'] = rows.get(r.id)?.lastSignInAt ?? null;
      }
    }
    // When the connector read these records: a source field mapping offers (e.g. "last seen in PagerDuty").
    const syncTime = new Date().toISOString();
    for (const r of records) r['connector_sync_time'] = syncTime;
    return { records, cursor: step.cursor, warnings };
  }
}
