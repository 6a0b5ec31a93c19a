import type { CompletenessVerdict, UserCursor } from '@seatkeeper/connector-kit';
import type { PagerDutyHttpClient } from '../http/pagerduty-http.client';
import { MAX_PARTITION_DEPTH, OFFSET_CAP, partitionDepth, refinePartition, rootPartitions } from './partitions';
import { parseUsersPage, type PagerDutyUserRecord } from './user-page';

/**
 * Where an enumeration stands, as plain JSON: a run stores it with each page's checkpoint and
 * resumes from it after a crash.
 */
export interface EnumerationCursor extends UserCursor {
  /** PagerDuty's `total` from the first page (null until it is known). */
  total: number | null;
  /** Parts not started yet (`''` = the unfiltered list). */
  pending: string[];
  /** The part being paged through. */
  current: { query: string; offset: number } | null;
  /** Parts that could not be split below the cap (their users may be missing). */
  unresolved: string[];
  /** Set once every part is done: `total` asked again at the end, to notice an account that changed meanwhile. */
  totalAtEnd: number | null;
  done: boolean;
}

export interface EnumerationOptions {
  pageSize: number;
  includeTeams: boolean;
}

export interface EnumerationStep {
  /** Users of this page (may repeat users of earlier pages: deduplicate by id). */
  users: PagerDutyUserRecord[];
  cursor: EnumerationCursor;
}

export const DEFAULT_ENUMERATION: EnumerationOptions = { pageSize: 100, includeTeams: false };

export function initialCursor(): EnumerationCursor {
  return { total: null, pending: [''], current: null, unresolved: [], totalAtEnd: null, done: false };
}

/**
 * Enumerates every user of an account of any size, one request per step. Small accounts are one
 * offset sweep; past the 10,000-offset cap the list is split by email partitions (see partitions.ts).
 * Pure with respect to the cursor: the same cursor always asks for the same page.
 */
export class UserEnumeration {
  private readonly options: EnumerationOptions;

  constructor(
    private readonly client: PagerDutyHttpClient,
    options: Partial<EnumerationOptions> = {},
  ) {
    this.options = { ...DEFAULT_ENUMERATION, ...options };
    if (this.options.pageSize < 1 || this.options.pageSize > 100) throw new Error('pageSize must be 1..100');
  }

  async step(cursor: EnumerationCursor, signal?: AbortSignal): Promise<EnumerationStep> {
    if (cursor.done) return { users: [], cursor };
    const next: EnumerationCursor = structuredClone(cursor);
    if (!next.current) {
      const query = next.pending.shift();
      if (query === undefined) {
        next.totalAtEnd = await this.countAll(signal);
        next.done = true;
        return { users: [], cursor: next };
      }
      next.current = { query, offset: 0 };
    }
    const { query, offset } = next.current;
    const limit = this.options.pageSize;
    const first = offset === 0;
    const res = await this.client.send(
      {
        method: 'GET',
        path: '/users',
        query: {
          limit,
          offset,
          total: first ? true : undefined,
          query: query || undefined,
          'include[]': this.options.includeTeams ? ['teams'] : undefined,
        },
      },
      signal,
    );
    const page = parseUsersPage(res.body, `GET /users?query=${query}&offset=${offset}`);
    if (first && query === '') next.total = page.total;
    if (first && page.total !== null && page.total > OFFSET_CAP) {
      // This part cannot be paged to its end: split it; its first page's users still count (deduplicated).
      if (query === '') next.pending = [...rootPartitions(), ...next.pending];
      else if (partitionDepth(query) >= MAX_PARTITION_DEPTH) next.unresolved.push(query);
      else next.pending = [...refinePartition(query), ...next.pending];
      next.current = null;
      return { users: page.users, cursor: next };
    }
    const nextOffset = offset + limit;
    if (!page.more || page.users.length === 0 || nextOffset + limit > OFFSET_CAP) {
      if (page.more && nextOffset + limit > OFFSET_CAP) next.unresolved.push(query);
      next.current = null;
    } else {
      next.current = { query, offset: nextOffset };
    }
    return { users: page.users, cursor: next };
  }

  private async countAll(signal?: AbortSignal): Promise<number | null> {
    const res = await this.client.send({ method: 'GET', path: '/users', query: { limit: 1, offset: 0, total: true } }, signal);
    return parseUsersPage(res.body, 'GET /users?total=true').total;
  }
}

export type { CompletenessVerdict };

/** A run is complete only when the distinct users fetched equal PagerDuty's total, and the total did not move meanwhile. */
export function judgeCompleteness(cursor: EnumerationCursor, distinctFetched: number): CompletenessVerdict {
  if (!cursor.done) return { complete: false, reason: 'the enumeration did not reach its end' };
  if (cursor.total === null) return { complete: false, reason: 'PagerDuty did not report a total, so completeness cannot be proven' };
  if (cursor.unresolved.length) {
    return { complete: false, reason: `some partitions hold more than ${OFFSET_CAP} users and could not be split: ${cursor.unresolved.join(', ')}` };
  }
  if (cursor.totalAtEnd !== null && cursor.totalAtEnd !== cursor.total) {
    return { complete: false, reason: `the account changed during the run (total ${cursor.total} at the start, ${cursor.totalAtEnd} at the end)` };
  }
  if (distinctFetched !== cursor.total) {
    return { complete: false, reason: `fetched ${distinctFetched} distinct users but PagerDuty reports ${cursor.total}` };
  }
  return { complete: true };
}
