import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/principal';
import type { AuditLogService } from './audit-log.service';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const AUDIT_TARGET_LOCAL = 'auditTarget';

/**
 * Records every mutating request that reached a route, once its answer is sent: who (token id and
 * name, null when refused for lack of a valid token), what (`METHOD /route/:template`), target,
 * outcome (status) and request id. Requests that match no route mutate nothing and are not recorded.
 */
export function auditMiddleware(audit: AuditLogService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (MUTATING.has(req.method)) {
      res.on('finish', () => {
        const r = req as AuthenticatedRequest & { route?: { path?: unknown } };
        const route = typeof r.route?.path === 'string' ? r.route.path : undefined;
        if (!route) return;
        const paramId = typeof r.params?.id === 'string' ? r.params.id : undefined;
        const bodyId = res.locals[AUDIT_TARGET_LOCAL] as unknown;
        audit.recordInBackground({
          actorTokenId: r.principal?.tokenId ?? null,
          actorName: r.principal?.tokenName ?? null,
          action: `${req.method} ${route}`,
          target: paramId ?? (typeof bodyId === 'string' ? bodyId : null),
          status: res.statusCode,
          requestId: typeof r.id === 'string' ? r.id : null,
        });
      });
    }
    next();
  };
}
