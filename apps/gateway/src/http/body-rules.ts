import type { NextFunction, Request, Response } from 'express';
import { fieldErrors, ProblemException } from './problem';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Two rules for every body, so that no route can accept what it did not mean to:
 * - a body is JSON: another media type is refused (415), instead of being read as an empty
 *   object that a DTO with only optional fields would accept;
 * - `null` is not a value: a field is given or left out. class-validator's @IsOptional lets null
 *   through, and a service would read it as "clear this field", which no route offers.
 */
export function bodyRules(
  req: Request,
  _res: Response,
  next: NextFunction,
): void {
  if (!BODY_METHODS.has(req.method)) return next();
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    return next(
      new ProblemException(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'The body must be application/json',
        [{ field: 'content-type', messages: ['must be application/json'] }],
      ),
    );
  }
  const body: unknown = req.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const nulls = Object.entries(body as Record<string, unknown>).filter(
      ([, v]) => v === null,
    );
    if (nulls.length) {
      return next(
        fieldErrors(
          nulls.map(([field]) => ({
            field,
            messages: [`${field} must not be null; leave it out instead`],
          })),
        ),
      );
    }
  }
  next();
}
