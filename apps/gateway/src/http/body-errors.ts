import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from './problem';

/** body-parser's error `type`s, as the problems the gateway answers (field `body`). */
const BODY_PARSER_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  'entity.parse.failed': { status: 400, code: 'MALFORMED_JSON', detail: 'The body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The body is larger than the 1 MB limit' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The body encoding is not supported' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The body charset is not supported' },
  'request.size.invalid': { status: 400, code: 'MALFORMED_BODY', detail: 'The body length does not match Content-Length' },
  'request.aborted': { status: 400, code: 'MALFORMED_BODY', detail: 'The request was aborted' },
};

/**
 * Express error middleware right after the body parser: turns its errors (which are not Nest
 * exceptions, and which Nest would otherwise turn into a bare 400 or a 500) into problems
 * naming the body. A bad percent-encoding in the path becomes a 400 naming the path.
 */
export function bodyParserErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const type = typeof err === 'object' && err !== null ? (err as { type?: unknown }).type : undefined;
  const known = typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
  if (known) return next(new ProblemException(known.status, known.code, known.detail, [{ field: 'body', messages: [known.detail] }]));
  if (err instanceof URIError) return next(new ProblemException(400, 'MALFORMED_PATH', 'The path is not valid percent-encoding', [{ field: 'path', messages: ['invalid percent-encoding'] }]));
  next(err);
}
