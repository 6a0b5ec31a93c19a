import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principal';
import { fieldErrors, ProblemException } from '../http/problem';
import { IdempotencyStore } from './idempotency.store';
import { requestHash } from './request-hash';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on POST: the first answer (status + body) is stored per token and key; a
 * replay within 24 h gets it back without running the handler again. Only successful answers are
 * stored: a failed request leaves no record, so retrying it with the same key runs it again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (req.method !== 'POST' || key === undefined || !req.principal) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw fieldErrors([{ field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 255 visible ASCII characters'] }]);
    }
    const tokenId = req.principal.tokenId;
    const claim = await this.store.claim(tokenId, key, requestHash(req.method, req.originalUrl, req.body));
    switch (claim.kind) {
      case 'mismatch':
        throw new ProblemException(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
      case 'in-progress':
        throw new ProblemException(409, 'IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still running');
      case 'replay':
        // Stored answers are successes of this route, so Nest answers with the same status code.
        res.setHeader('Idempotent-Replayed', 'true');
        return of(claim.body);
      case 'claimed':
        break;
    }
    const status = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? 201;
    return next.handle().pipe(
      mergeMap((body) => from(this.store.complete(tokenId, key, status, body).then(() => body))),
      catchError((err: unknown) => from(this.store.release(tokenId, key)).pipe(mergeMap(() => throwError(() => err)))),
    );
  }
}
