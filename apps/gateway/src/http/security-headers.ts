import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { isApiPath } from './console-static';

/**
 * helmet's defaults (HSTS, nosniff, frame-deny, referrer policy, strict CSP) on the API; the docs
 * page needs inline styles and scripts for Swagger UI, so it gets a CSP that allows only those.
 * The console (everything outside `/api`) gets the strictest CSP: its own scripts, styles and
 * API calls only — no inline script or style, no other origin, never framed. Without
 * `upgrade-insecure-requests`: on a plain-HTTP local start it would send the browser to https.
 */
export function securityHeaders() {
  const api = helmet();
  const docs = helmet({
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
    },
  });
  const consolePages = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/api/docs')) return docs(req, res, next);
    (isApiPath(req.path) ? api : consolePages)(req, res, next);
  };
}
