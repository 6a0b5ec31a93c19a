import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { CORRELATION_HEADER, REQUEST_ID_HEADER } from './correlation';
import { loggerOptions } from './logger';
import { redactQueryObject, redactUrlQuery } from './query-redaction';

/** The request log every service writes (pino-http): a request id, the correlation id, no credential. */
export function httpLoggerOptions(service: string, level: string): Options {
  return {
    ...loggerOptions(service, level),
    // The request id doubles as the correlation id unless the caller sent one.
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers[REQUEST_ID_HEADER] ?? req.headers[CORRELATION_HEADER];
      const id = (Array.isArray(given) ? given[0] : given) || randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customProps: (req: IncomingMessage) => ({ correlationId: (req as { id?: unknown }).id }),
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    // pino-http hands this the standard serialised request: its url and query keep no credential
    // (`?access_token=…` is a client's mistake that must not become a leak in log storage).
    serializers: {
      ...loggerOptions(service, level).serializers,
      req: (req: { url?: string; query?: unknown }) => Object.assign(req, { url: redactUrlQuery(req.url), query: redactQueryObject(req.query) }),
    },
  };
}
