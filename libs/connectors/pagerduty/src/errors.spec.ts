import { ConnectorErrorKind, connectorErrorKind } from '@seatkeeper/connector-kit';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pagerDutyEgress } from './connection';
import {
  EgressRefusedError,
  PagerDutyApiError,
  PagerDutyAuthError,
  PagerDutyMalformedResponseError,
  PagerDutyRateLimitedError,
  PagerDutyUnavailableError,
} from './errors';
import { PagerDutyHttpClient } from './http/pagerduty-http.client';

describe('PagerDuty errors', () => {
  it.each([
    [new PagerDutyAuthError(), ConnectorErrorKind.Auth],
    [new PagerDutyApiError(400, 2001, ['open incidents'], 'PagerDuty answered 400'), ConnectorErrorKind.Refused],
    [new PagerDutyMalformedResponseError('no users array'), ConnectorErrorKind.Malformed],
    [new PagerDutyUnavailableError('503', 6), ConnectorErrorKind.Unavailable],
    [new PagerDutyRateLimitedError('429', 6), ConnectorErrorKind.RateLimited],
    [new EgressRefusedError('not an allowed host'), ConnectorErrorKind.EgressRefused],
  ])('%s has the neutral kind %s', (error, kind) => {
    expect(connectorErrorKind(error)).toBe(kind);
  });

  it('keeps PagerDuty’s status and reasons where the kit reads them', () => {
    const refused = new PagerDutyApiError(400, 2001, ['open incidents'], 'PagerDuty answered 400');
    expect([refused.status, refused.reasons]).toEqual([400, ['open incidents']]);
    expect(new PagerDutyAuthError().status).toBe(401);
    // A rate limit that outlasted the retries is still an outage to callers that only know PagerDuty's classes.
    expect(new PagerDutyRateLimitedError('429', 6)).toBeInstanceOf(PagerDutyUnavailableError);
  });

  describe('from the client, once retries are spent', () => {
    let server: Server;
    let url: string;
    let status = 429;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const send = () =>
      new PagerDutyHttpClient(
        { region: 'us', baseUrl: url, credential: { kind: 'token', secret: 'k' } },
        { rateBudget: { accountLimitPerMinute: 0, share: 1 }, retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 }, egress: pagerDutyEgress([url]) },
      ).send({ method: 'GET', path: '/users' });

    it('a 429 to the end is rate-limited', async () => {
      status = 429;
      await expect(send()).rejects.toMatchObject({ kind: ConnectorErrorKind.RateLimited, attempts: 2 });
    });

    it('a 503 to the end is unavailable', async () => {
      status = 503;
      await expect(send()).rejects.toMatchObject({ kind: ConnectorErrorKind.Unavailable, attempts: 2 });
    });
  });
});
