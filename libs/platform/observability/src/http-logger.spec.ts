import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import pino from 'pino';
import { httpLoggerOptions } from './http-logger';
import { loggerOptions } from './logger';
import { isSensitiveQueryName, redactUrlQuery } from './query-redaction';

describe(httpLoggerOptions.name, () => {
  let server: Server;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const options = httpLoggerOptions('test', 'info');
    const log = pinoHttp({ ...options, logger: pino(options, sink) });
    server = createServer((req, res) => {
      log(req, res);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => server.close());

  it('writes no token from the query string into the request log', async () => {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/api/v1/tokens/current?access_token=skp_live_SECRET1&limit=5&client_secret=SECRET2&x-api-key=SECRET3&code=SECRET4`);
    await new Promise<void>((resolve) => setImmediate(resolve));
    const logged = lines.join('\n');
    expect(logged).toContain('/api/v1/tokens/current?access_token=[redacted]&limit=5&client_secret=[redacted]&x-api-key=[redacted]&code=[redacted]');
    expect(logged).not.toMatch(/SECRET\d/);
  });
});

describe(redactUrlQuery.name, () => {
  it.each([
    ['/a', '/a'],
    ['/a?limit=5&cursor=abc', '/a?limit=5&cursor=abc'],
    ['/a?token=t', '/a?token=[redacted]'],
    ['/a?Access_Token=t&password=p&refresh_token=r', '/a?Access_Token=[redacted]&password=[redacted]&refresh_token=[redacted]'],
    ['/a?api%5Fkey=k', '/a?api%5Fkey=[redacted]'],
    ['/a?key', '/a?key'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrlQuery(url)).toBe(expected);
  });

  it('keeps ordinary names', () => {
    expect(['limit', 'cursor', 'filter', 'status', 'monkey', 'keyword'].some(isSensitiveQueryName)).toBe(false);
  });
});

describe('SQL in error logs', () => {
  it('is logged without its values', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino(loggerOptions('test', 'info'), sink);
    log.error({ err: `update "person" set "job_title" = 'CTO\u0000', "email" = 'ann@x.io' where "id" = 'p1' - invalid byte sequence for encoding "UTF8": 0x00` }, 'request handler failed');
    log.error({ err: new Error(`insert into saas_user (email) values ('bob@x.io') - duplicate key`) }, 'crashed');
    const logged = lines.join('');
    expect(logged).toContain(`update \\"person\\" set \\"job_title\\" = ?, \\"email\\" = ? where \\"id\\" = ? - invalid byte sequence`);
    expect(logged).not.toMatch(/ann@x\.io|bob@x\.io|CTO/);
  });
});
