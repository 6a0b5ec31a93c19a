import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pagerDutyEgress } from '../connection';
import { PagerDutyHttpClient } from '../http/pagerduty-http.client';
import { fetchRawUsers } from './last-sign-in';

interface Analytics {
  url: string;
  server: Server;
  calls: () => number;
}

/** An analytics endpoint answering `page(n, requestedIds)` for the n-th call (0-based), always with `more: true`. */
async function analytics(page: (n: number, ids: string[]) => string[]): Promise<Analytics> {
  let calls = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const ids = (JSON.parse(raw) as { filters: { user_ids: string[] } }).filters.user_ids;
      const rows = page(calls++, ids).map((id) => ({ id, last_sign_in_at: '2026-01-01T00:00:00Z' }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: rows, more: true, last: rows[rows.length - 1]?.id ?? 'PZZZZZZ' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, server, calls: () => calls };
}

const client = (url: string): PagerDutyHttpClient =>
  new PagerDutyHttpClient({ region: 'us', baseUrl: url, credential: { kind: 'token', secret: 'k' } }, { egress: pagerDutyEgress([url]), rateBudget: { accountLimitPerMinute: 0, share: 1 } });

const others = (n: number, from: number): string[] => Array.from({ length: n }, (_, i) => `POTHER${from + i}`);
const REQUESTED = ['PA', 'PB', 'PC'];

describe(fetchRawUsers.name, () => {
  let pd: Analytics | undefined;
  afterEach(() => pd?.server.close());

  it('stops at the first page that holds none of the requested ids, and says so', async () => {
    pd = await analytics((n) => others(1000, n * 1000));
    const warnings: string[] = [];
    const rows = await fetchRawUsers(client(pd.url), REQUESTED, undefined, (w) => warnings.push(w));
    expect(rows.size).toBe(0);
    expect(pd.calls()).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/ignored the user_ids filter \(1000 rows for other users dropped\); stopped after 1 calls: a page held none/)]);
  });

  it('bounds the calls when every page holds one requested id among strangers, and keeps only the requested rows', async () => {
    pd = await analytics((n, ids) => [...others(999, n * 1000), ids[n % ids.length] as string].slice(0, 1000));
    const warnings: string[] = [];
    const rows = await fetchRawUsers(client(pd.url), REQUESTED, undefined, (w) => warnings.push(w));
    // ⌈3 / 1000⌉ + 1 calls, never the thousand pages an account could have.
    expect(pd.calls()).toBe(2);
    expect([...rows.keys()].sort()).toEqual(['PA', 'PB']);
    expect(warnings[0]).toMatch(/the bound of 2 calls for 3 ids was reached; 1 of 3 users have no last sign-in/);
  });

  it('trusts nothing but needs nothing more when the filter is honoured: one call, no warning', async () => {
    pd = await analytics((_n, ids) => ids);
    const warnings: string[] = [];
    const rows = await fetchRawUsers(client(pd.url), REQUESTED, undefined, (w) => warnings.push(w));
    expect(rows.size).toBe(3);
    expect(pd.calls()).toBe(1);
    expect(warnings).toEqual([]);
  });
});
