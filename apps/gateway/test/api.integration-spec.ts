import { expectEventually, testInfra } from '@seatkeeper/testing';
import { connect } from 'nats';
import { problemOf, startGateway, type GatewayUnderTest } from './support/gateway-harness';

describe('gateway API (real Postgres and NATS)', () => {
  let gw: GatewayUnderTest;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('creates a token shown once, stores only its hash, and the token works at once', async () => {
    const created = await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.admin.secret, body: { name: 'ci', role: 'operator' } });
    expect(created.status).toBe(201);
    const body = created.body as { id: string; token: string; role: string; token_prefix: string };
    expect(body.token).toMatch(/^skp_[0-9A-Za-z]{49}$/);
    expect(body.token.startsWith(body.token_prefix)).toBe(true);
    const rows = await gw.service.running.app
      .get((await import('@mikro-orm/postgresql')).EntityManager)
      .fork()
      .execute<{ secret_hash: string }[]>('select secret_hash from api_token where id = ?', [body.id]);
    expect(rows[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.secret_hash).not.toContain(body.token.slice(4));

    const me = await gw.call('GET', '/api/v1/tokens/current', { token: body.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: body.id, name: 'ci', role: 'operator' });

    const list = await gw.call('GET', '/api/v1/tokens?limit=2', { token: gw.tokens.admin.secret });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(body.token);
  });

  it('revocation takes effect on the very next request', async () => {
    const victim = await gw.issue('viewer', 'to-revoke');
    expect((await gw.call('GET', '/api/v1/tokens/current', { token: victim.secret })).status).toBe(200);
    const revoked = await gw.call('DELETE', `/api/v1/tokens/${victim.id}`, { token: gw.tokens.admin.secret });
    expect(revoked.status).toBe(200);
    expect((revoked.body as { revoked_at: string | null }).revoked_at).not.toBeNull();
    const after = await gw.call('GET', '/api/v1/tokens/current', { token: victim.secret });
    expect(after.status).toBe(401);
    expect(problemOf(after).code).toBe('UNAUTHENTICATED');
  });

  it('rejects a token with a typo by its checksum, and an unknown well-formed token', async () => {
    const s = gw.tokens.admin.secret;
    const typo = `${s.slice(0, 10)}${s[10] === 'a' ? 'b' : 'a'}${s.slice(11)}`;
    const answer = await gw.call('GET', '/api/v1/tokens/current', { token: typo });
    expect(answer.status).toBe(401);
    expect(problemOf(answer).code).toBe('UNAUTHENTICATED');
    expect(answer.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('replays a POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const headers = { 'Idempotency-Key': `key-${Date.now()}` };
    const first = await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.admin.secret, body: { name: 'idem', role: 'viewer' }, headers });
    const again = await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.admin.secret, body: { role: 'viewer', name: 'idem' }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.admin.secret, body: { name: 'other', role: 'viewer' }, headers });
    expect(other.status).toBe(422);
    expect(problemOf(other).code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Only one token was created for the key.
    const list = await gw.call('GET', '/api/v1/tokens?limit=200', { token: gw.tokens.admin.secret });
    expect((list.body as { data: { name: string }[] }).data.filter((t) => t.name === 'idem')).toHaveLength(1);
  });

  it('a failed POST leaves no idempotency record, so the key can be retried', async () => {
    const headers = { 'Idempotency-Key': `retry-${Date.now()}` };
    const bad = await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.admin.secret, body: { name: 'x', role: 'root' }, headers });
    expect(bad.status).toBe(400);
    const good = await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.admin.secret, body: { name: 'x', role: 'viewer' }, headers });
    expect(good.status).toBe(201);
  });

  it.each([
    ['PATCH', '/api/v1/people/0190a0a0-0000-7000-8000-000000000001', { job_title: 'CTO\u0000' }, 'job_title'],
    ['POST', '/api/v1/mappings/custom-fields', { name: 'a\u0000b', type: 'string' }, 'name'],
    ['POST', '/api/v1/people/import', { content: 'email,department\nann@x.io,Sa\u0000les\n' }, 'content'],
    ['POST', '/api/v1/credentials', { name: 'x\u0000', vendor: 'pagerduty', type: 'api_key', secret: 's' }, 'name'],
    ['GET', `/api/v1/saas-users?filter=${encodeURIComponent(JSON.stringify({ field: 'email', op: 'eq', value: '\u0000' }))}`, undefined, 'filter'],
    ['GET', `/api/v1/people?filter=${encodeURIComponent(JSON.stringify({ field: 'email', op: 'eq', value: '\u0000' }))}`, undefined, 'filter'],
  ])('refuses a control character with 400 naming the field, before any service sees it: %s %s', async (method, path, body, field) => {
    const answer = await gw.call(method, path, { token: gw.tokens.admin.secret, body });
    expect(answer.status).toBe(400);
    expect(problemOf(answer)).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: expect.stringMatching(new RegExp(`^${field}`)) }] });
  });

  it('answers 503 problem+json naming a service that is not running, at once', async () => {
    const started = Date.now();
    const answer = await gw.call('GET', '/api/v1/system/status/mapping', { token: gw.tokens.viewer.secret });
    expect(answer.status).toBe(503);
    expect(problemOf(answer)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'mapping' });
    expect(Date.now() - started).toBeLessThan(gw.service.env.NATS_REQUEST_TIMEOUT_MS);
    const overview = await gw.call('GET', '/api/v1/system/status');
    expect(overview.status).toBe(200);
    expect((overview.body as { status: string }).status).toBe('degraded');
  });

  it('answers 503 within the timeout when a service takes the request but never replies', async () => {
    const nc = await connect({ servers: testInfra().natsUrl });
    try {
      // A hung instance: subscribed, so NATS sees a responder, but it never answers.
      nc.subscribe(`${gw.service.prefix}system.ping.workflow`, { callback: () => undefined });
      await nc.flush();
      const started = Date.now();
      const answer = await gw.call('GET', '/api/v1/system/status/workflow', { token: gw.tokens.viewer.secret });
      const elapsed = Date.now() - started;
      expect(answer.status).toBe(503);
      expect(problemOf(answer)).toMatchObject({ code: 'SERVICE_TIMEOUT', service: 'workflow' });
      expect(elapsed).toBeGreaterThanOrEqual(1400);
      expect(elapsed).toBeLessThan(4000);
    } finally {
      await nc.close();
    }
  });

  it('records every mutating request in the audit log, queryable by admins with filters', async () => {
    const victim = await gw.issue('viewer', 'audited');
    const revoke = await gw.call('DELETE', `/api/v1/tokens/${victim.id}`, { token: gw.tokens.admin.secret, headers: { 'x-request-id': 'req-audit-1' } });
    expect(revoke.status).toBe(200);
    const denied = await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.viewer.secret, body: { name: 'nope', role: 'admin' } });
    expect(denied.status).toBe(403);
    await expectEventually(async () => {
      const log = await gw.call('GET', `/api/v1/audit-log?actor=${gw.tokens.admin.id}&action=${encodeURIComponent('DELETE /api/v1/tokens/:id')}`, {
        token: gw.tokens.admin.secret,
      });
      expect(log.status).toBe(200);
      const entries = (log.body as { data: { target: string; status: number; request_id: string; actor_name: string }[] }).data;
      expect(entries).toContainEqual(expect.objectContaining({ target: victim.id, status: 200, request_id: 'req-audit-1', actor_name: 'test-admin' }));
    });
    await expectEventually(async () => {
      const log = await gw.call('GET', `/api/v1/audit-log?actor=test-viewer&action=POST`, { token: gw.tokens.admin.secret });
      const entries = (log.body as { data: { action: string; status: number }[] }).data;
      expect(entries).toContainEqual(expect.objectContaining({ action: 'POST /api/v1/tokens', status: 403 }));
    });
    const viewerTries = await gw.call('GET', '/api/v1/audit-log', { token: gw.tokens.viewer.secret });
    expect(viewerTries.status).toBe(403);
  });

  it('pages the audit log with next_cursor and filters by time', async () => {
    for (let i = 0; i < 3; i++) await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.operator.secret, body: { name: `p${i}`, role: 'viewer' } });
    await expectEventually(async () => {
      const all = await gw.call('GET', '/api/v1/audit-log?actor=test-operator', { token: gw.tokens.admin.secret });
      expect((all.body as { data: unknown[] }).data).toHaveLength(3);
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: unknown } = await gw.call('GET', `/api/v1/audit-log?actor=test-operator&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: gw.tokens.admin.secret });
      const body = page.body as { data: { id: string }[]; next_cursor: string | null };
      seen.push(...body.data.map((e) => e.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(3);
    const future = await gw.call('GET', `/api/v1/audit-log?since=${new Date(Date.now() + 60_000).toISOString()}`, { token: gw.tokens.admin.secret });
    expect((future.body as { data: unknown[] }).data).toHaveLength(0);
  });

  it('refuses to revoke the last admin token', async () => {
    const other = await gw.call('GET', '/api/v1/tokens?limit=200', { token: gw.tokens.admin.secret });
    const admins = (other.body as { data: { id: string; role: string; revoked_at: string | null }[] }).data.filter(
      (t) => t.role === 'admin' && !t.revoked_at,
    );
    expect(admins.map((a) => a.id)).toEqual([gw.tokens.admin.id]);
    const answer = await gw.call('DELETE', `/api/v1/tokens/${gw.tokens.admin.id}`, { token: gw.tokens.admin.secret });
    expect(answer.status).toBe(409);
  });

  it('sets security headers and a request id, and serves the OpenAPI document', async () => {
    const answer = await gw.call('GET', '/api/v1/system/status');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('strict-transport-security')).toBeTruthy();
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('x-request-id')).toBeTruthy();
    const docs = await gw.call('GET', '/api/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect((docs.body as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it('answers malformed JSON and oversized bodies with problem+json naming the body', async () => {
    const malformed = await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.admin.secret, raw: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(problemOf(malformed)).toMatchObject({ code: 'MALFORMED_JSON', errors: [{ field: 'body' }] });
    expect(problemOf(malformed).request_id).toBe(malformed.headers.get('x-request-id'));
    const huge = await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.admin.secret, raw: JSON.stringify({ name: 'x'.repeat(2_000_000) }) });
    expect(huge.status).toBe(413);
    expect(problemOf(huge).code).toBe('PAYLOAD_TOO_LARGE');
  });
});
