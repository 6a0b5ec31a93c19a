import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pagerDutyEgress } from './connection';
import { PagerDutyAuthError, PagerDutyMalformedResponseError } from './errors';
import { PagerDutyHttpClient } from './http/pagerduty-http.client';
import { initialCursor, judgeCompleteness, UserEnumeration, type EnumerationCursor } from './users/user-enumeration';
import { refinePartition, rootPartitions } from './users/partitions';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function fakePagerDuty(handler: Handler): Promise<{ url: string; server: Server; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

function client(url: string): PagerDutyHttpClient {
  return new PagerDutyHttpClient(
    { region: 'us', baseUrl: url, credential: { kind: 'token', secret: 'k' } },
    { rateBudget: { accountLimitPerMinute: 0, share: 1 }, retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 20 }, egress: pagerDutyEgress([url]) },
  );
}

describe(PagerDutyHttpClient.name, () => {
  it('sends the key, the version Accept header, and retries a 500 and a headerless 429', async () => {
    let calls = 0;
    const pd = await fakePagerDuty((_req, res) => {
      calls++;
      if (calls === 1) return json(res, 500, { error: { message: 'boom' } });
      if (calls === 2) return json(res, 429, { error: { code: 2020 } });
      json(res, 200, { users: [], more: false, total: 0, limit: 100, offset: 0 });
    });
    try {
      const c = client(pd.url);
      const res = await c.send({ method: 'GET', path: '/users', query: { limit: 1 } });
      expect(res.status).toBe(200);
      expect(calls).toBe(3);
      expect(c.stats).toMatchObject({ requests: 3, retries: 2, rateLimited: 1 });
      expect(pd.seen[0]?.headers['authorization']).toBe('Token token=k');
      expect(pd.seen[0]?.headers['accept']).toBe('application/vnd.pagerduty+json;version=2');
    } finally {
      pd.server.close();
    }
  });

  it('sends per-request headers (From on POST /users) but never lets them replace auth or Accept', async () => {
    const pd = await fakePagerDuty((_req, res) => json(res, 201, { user: { id: 'PNEW001' } }));
    try {
      const c = client(pd.url);
      await c.send({ method: 'POST', path: '/users', headers: { From: 'owner@acme.example.com', authorization: 'Token token=evil', Accept: 'text/html' }, body: { user: {} } });
      await c.send({ method: 'GET', path: '/users' });
      expect(pd.seen[0]?.headers['from']).toBe('owner@acme.example.com');
      expect(pd.seen[0]?.headers['authorization']).toBe('Token token=k');
      expect(pd.seen[0]?.headers['accept']).toBe('application/vnd.pagerduty+json;version=2');
      expect(pd.seen[1]?.headers['from']).toBeUndefined();
    } finally {
      pd.server.close();
    }
  });

  it('fails at once on 401, without retrying', async () => {
    const pd = await fakePagerDuty((_req, res) => json(res, 401, { error: { message: 'Authentication failed', code: 2006 } }));
    try {
      await expect(client(pd.url).send({ method: 'GET', path: '/users' })).rejects.toThrow(new PagerDutyAuthError().message);
      expect(pd.seen).toHaveLength(1);
    } finally {
      pd.server.close();
    }
  });

  it('reports a body that stays unparseable as malformed after the bounded retries', async () => {
    const pd = await fakePagerDuty((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"users":[{"id":"P1"');
    });
    try {
      await expect(client(pd.url).send({ method: 'GET', path: '/users' })).rejects.toBeInstanceOf(PagerDutyMalformedResponseError);
      expect(pd.seen).toHaveLength(4);
    } finally {
      pd.server.close();
    }
  });
});

describe(UserEnumeration.name, () => {
  // An account of 12,000 users whose emails end in their index: past the offset cap, so the
  // enumeration must split it by `<c>@` partitions and still find every user exactly once.
  const users = Array.from({ length: 12_000 }, (_, i) => ({ id: `P${i}`, name: `User ${i}`, email: `u.${i}@x.example.com`, extra: { kept: true } }));

  it('enumerates an account past the 10,000-offset cap and proves the count', async () => {
    const pd = await fakePagerDuty((req, res) => {
      const q = new URL(req.url as string, 'http://x').searchParams;
      const limit = Number(q.get('limit'));
      const offset = Number(q.get('offset'));
      if (offset + limit > 10_000) return json(res, 400, { error: { code: 2002, message: 'Arguments Caused Error' } });
      const query = q.get('query') ?? '';
      const matching = users.filter((u) => !query || u.email.includes(query) || u.name.toLowerCase().includes(query));
      json(res, 200, {
        users: matching.slice(offset, offset + limit),
        limit,
        offset,
        total: q.get('total') === 'true' ? matching.length : null,
        more: offset + limit < matching.length,
      });
    });
    try {
      const enumeration = new UserEnumeration(client(pd.url));
      let cursor: EnumerationCursor = initialCursor();
      const seen = new Set<string>();
      while (!cursor.done) {
        const step = await enumeration.step(JSON.parse(JSON.stringify(cursor)) as EnumerationCursor);
        for (const u of step.users) seen.add(u.id);
        cursor = step.cursor;
      }
      expect(seen.size).toBe(users.length);
      expect(judgeCompleteness(cursor, seen.size)).toEqual({ complete: true });
      expect(judgeCompleteness(cursor, seen.size - 1)).toMatchObject({ complete: false, reason: expect.stringContaining('11999 distinct users') });
    } finally {
      pd.server.close();
    }
  });

  it('calls a run incomplete when the total moved during the run', () => {
    const cursor: EnumerationCursor = { ...initialCursor(), done: true, pending: [], total: 5, totalAtEnd: 4 };
    expect(judgeCompleteness(cursor, 5)).toMatchObject({ complete: false, reason: expect.stringContaining('changed during the run') });
  });

  it('splits the account into disjoint email partitions that cover every local part', () => {
    expect(rootPartitions()).toContain('7@');
    expect(refinePartition('7@')).toContain('17@');
    expect(new Set(rootPartitions()).size).toBe(rootPartitions().length);
  });
});

describe('a user record with a control character', () => {
  it('is repaired (U+FFFD) and says what was wrong, so the page can be stored and the record quarantined', async () => {
    const { parseUsersPage } = await import('./users/user-page');
    const page = parseUsersPage({ users: [{ id: 'P1', name: 'Ann', job_title: 'CTO\u0000', teams: [{ summary: 'Ops\u0007' }] }, { id: 'P2', name: 'Bob' }], more: false }, 'GET /users');
    expect(page.users[0]).toEqual({
      id: 'P1',
      name: 'Ann',
      job_title: 'CTO\uFFFD',
      teams: [{ summary: 'Ops\uFFFD' }],
      connector_problems: ['job_title contains a control character (U+0000)', 'teams.0.summary contains a control character (U+0007)'],
    });
    expect(page.users[1]).toEqual({ id: 'P2', name: 'Bob' });
    expect(JSON.stringify(page.users)).not.toContain('\\u0000');
  });
});
