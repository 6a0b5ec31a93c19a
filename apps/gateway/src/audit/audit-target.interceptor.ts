import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { tap, type Observable } from 'rxjs';
import { AUDIT_TARGET_LOCAL } from './audit.middleware';

/** Remembers the `id` of what a route created, as the audit target when the path names none. */
@Injectable()
export class AuditTargetInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((body) => {
        const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
        if (typeof id === 'string') res.locals[AUDIT_TARGET_LOCAL] = id;
      }),
    );
  }
}
