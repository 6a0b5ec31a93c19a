import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OFFICIAL_EGRESS, pagerDutyEgress, PAGERDUTY_BASE_URLS } from '../connection';
import { EgressRefusedError } from '../errors';
import { EgressPolicy, isPublicAddress, type LookupFunction } from '@seatkeeper/connector-kit';
import { PagerDutyHttpClient } from './pagerduty-http.client';

async function server(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; port: number; server: Server; hits: () => number }> {
  let hits = 0;
  const s = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, server: s, hits: () => hits };
}

const ok = (_req: IncomingMessage, res: ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"users":[]}');
};

function client(baseUrl: string, egress: EgressPolicy): PagerDutyHttpClient {
  return new PagerDutyHttpClient(
    { region: 'us', baseUrl, credential: { kind: 'token', secret: 'the-vault-key' } },
    { egress, rateBudget: { accountLimitPerMinute: 0, share: 1 }, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 }, timeoutMs: 2000 },
  );
}

/** A resolver that answers `address` for every host: a poisoned or rebinding DNS answer. */
const resolvesTo =
  (address: string): LookupFunction =>
  (_host, options, callback) =>
    options.all ? callback(null, [{ address, family: address.includes(':') ? 6 : 4 }]) : callback(null, address, address.includes(':') ? 6 : 4);

describe(EgressPolicy.name, () => {
  it.each([
    ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data/'],
    ['the database port', 'http://127.0.0.1:5432'],
    ['a private network host', 'http://10.0.0.1/'],
    ['loopback spelled in hex', 'http://0x7f000001/'],
    ['a URL with userinfo', 'http://user:pass@host/'],
    ['the official host with userinfo', 'https://user:pass@api.pagerduty.com'],
    ['the official host over plain http', 'http://api.pagerduty.com'],
    ['a look-alike host', 'https://api.pagerduty.com.evil.example'],
  ])('refuses %s by default, before sending anything (%s)', async (_what, url) => {
    await expect(client(url, OFFICIAL_EGRESS).send({ method: 'GET', path: '/users' })).rejects.toThrow(EgressRefusedError);
  });

  it('never puts userinfo into its message', () => {
    expect(() => OFFICIAL_EGRESS.checkBaseUrl('http://user:hunter2@host/')).toThrow(/user name or password/);
    expect(() => pagerDutyEgress(['http://host']).checkBaseUrl('http://user:hunter2@host/')).not.toThrow(/hunter2/);
  });

  it('allows the official hosts, and a listed base URL (the simulator) with its path', () => {
    expect(OFFICIAL_EGRESS.checkBaseUrl(`${PAGERDUTY_BASE_URLS.eu}/`)).toBe('https://api.eu.pagerduty.com');
    const listed = pagerDutyEgress(['http://127.0.0.1:8090/']);
    expect(listed.checkBaseUrl('http://127.0.0.1:8090')).toBe('http://127.0.0.1:8090');
    // Parsing first: the hex spelling of the listed address is the listed address.
    expect(listed.checkBaseUrl('http://0x7f000001:8090/')).toBe('http://127.0.0.1:8090');
    expect(() => listed.checkBaseUrl('http://127.0.0.1:5432')).toThrow(EgressRefusedError);
    expect(() => listed.checkBaseUrl('http://127.0.0.1:80901')).toThrow();
  });

  it('sends to a listed base URL, and refuses an unlisted port of the same host without connecting', async () => {
    const listed = await server(ok);
    const other = await server(ok);
    const egress = pagerDutyEgress([listed.url]);
    try {
      expect((await client(listed.url, egress).send({ method: 'GET', path: '/users' })).status).toBe(200);
      await expect(client(other.url, egress).send({ method: 'GET', path: '/users' })).rejects.toThrow(EgressRefusedError);
      expect(other.hits()).toBe(0);
    } finally {
      await egress.close();
      listed.server.close();
      other.server.close();
    }
  });

  it.each([['127.0.0.1'], ['169.254.169.254'], ['10.1.2.3'], ['::1'], ['::ffff:127.0.0.1'], ['fd00::1']])(
    'checks the address after DNS resolution: an official host resolving to %s is refused, once, not retried',
    async (address) => {
      const egress = new EgressPolicy(Object.values(PAGERDUTY_BASE_URLS), { lookup: resolvesTo(address), refuse: (m) => new EgressRefusedError(m) });
      const c = client(PAGERDUTY_BASE_URLS.us, egress);
      try {
        await expect(c.send({ method: 'GET', path: '/users' })).rejects.toThrow(new RegExp(`resolved to ${address.replace(/[.:]/g, '\\$&')}`));
        expect(c.stats).toMatchObject({ requests: 1, retries: 0 });
      } finally {
        await egress.close();
      }
    },
  );

  it('does not follow a redirect', async () => {
    const target = await server(ok);
    const redirecting = await server((_req, res) => {
      res.writeHead(302, { location: `${target.url}/users` });
      res.end();
    });
    const egress = pagerDutyEgress([redirecting.url, target.url]);
    try {
      await expect(client(redirecting.url, egress).send({ method: 'GET', path: '/users' })).rejects.toThrow(/redirects are not followed/);
      expect(redirecting.hits()).toBe(1);
      expect(target.hits()).toBe(0);
    } finally {
      await egress.close();
      redirecting.server.close();
      target.server.close();
    }
  });

  it('calls only public unicast addresses public', () => {
    expect(['8.8.8.8', '2606:4700::1111'].every(isPublicAddress)).toBe(true);
    expect(['0.0.0.0', '100.64.0.1', '192.168.1.1', '172.16.0.1', '224.0.0.1', 'fe80::1', 'not-an-ip'].some(isPublicAddress)).toBe(false);
  });
});
