import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * helmet's defaults (HSTS, nosniff, frame-deny, referrer policy, strict CSP) on the API; the docs
 * page needs inline styles and scripts for Swagger UI, so it gets a CSP that allows only those.
 */
export function securityHeaders() {
  const api = helmet();
  const docs = helmet({
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
    },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    (req.path.startsWith('/api/docs') ? docs : api)(req, res, next);
  };
}
