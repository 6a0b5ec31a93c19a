import { REQUEST_ID_HEADER } from '@seatkeeper/platform-observability';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Runs first, before body parsing, so even a malformed-JSON answer carries a request id. The id is
 * written back into the header, where the logger's genReqId picks the same one up. A client-sent
 * id is kept only when it is short and plain (it ends up in logs and problem bodies).
 */
export function requestIdMiddleware(req: Request & { id?: unknown }, res: Response, next: NextFunction): void {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  req.id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}
