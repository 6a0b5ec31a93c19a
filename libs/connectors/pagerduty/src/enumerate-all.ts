import type { PagerDutyConnection } from './connection';
import type { PagerDutyClientOptions } from './http/pagerduty-http.client';
import { NO_EXTRAS, PagerDutyConnector, type UserExtras } from './pagerduty.connector';
import { initialCursor, judgeCompleteness, type CompletenessVerdict } from './users/user-enumeration';
import type { PagerDutyUserRecord } from './users/user-page';

export interface EnumerateAllResult extends CompletenessVerdict {
  total: number | null;
  distinct: number;
  pages: number;
  requests: number;
}

/**
 * Every user of an account in memory-light pages, deduplicated by id in this process (the service
 * deduplicates in Postgres instead, to survive restarts). For tools, the benchmark and tests.
 */
export async function enumerateAllUsers(
  connection: PagerDutyConnection,
  onPage: (records: PagerDutyUserRecord[]) => void | Promise<void>,
  options: PagerDutyClientOptions & { extras?: UserExtras; pageSize?: number } = {},
): Promise<EnumerateAllResult> {
  const connector = new PagerDutyConnector(connection, options);
  const seen = new Set<string>();
  let cursor = initialCursor();
  let pages = 0;
  while (!cursor.done) {
    const page = await connector.nextUsersPage(cursor, options.extras ?? NO_EXTRAS, options.pageSize ?? 100);
    cursor = page.cursor;
    const fresh = page.records.filter((r) => !seen.has(r.id));
    for (const r of fresh) seen.add(r.id);
    if (fresh.length) {
      pages++;
      await onPage(fresh);
    }
  }
  return { ...judgeCompleteness(cursor, seen.size), total: cursor.total, distinct: seen.size, pages, requests: connector.http.stats.requests };
}
