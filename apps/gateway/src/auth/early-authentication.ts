import type { NextFunction, Response } from 'express';
import type { ApiTokenService } from './api-token.service';
import type { AuthenticatedRequest } from './principal';
import type { RateLimiter } from './rate-limiter';

/** What the early middleware decided, for the guard to enforce with the route's metadata. */
export interface EarlyAuthentication {
  /** A token was presented (valid or not). */
  presented: boolean;
  /** 0 when within the rate limit, else the seconds to wait. */
  retryAfter: number;
}

export type EarlyAuthenticatedRequest = AuthenticatedRequest & { authentication?: EarlyAuthentication; skipBody?: boolean };

/** `Authorization: Bearer <token>` (or the bare token). */
export function bearerOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? header.trim();
}

/**
 * Runs before the body parser: authenticates the token and counts the request against its rate
 * limit (the IP's without a token), so an anonymous or over-limit caller is answered 401 / 429 without
 * the gateway reading, buffering or parsing its body — a 2 MB anonymous body is a 401, not a 413, and
 * malformed JSON counts against the limit like anything else. The guard enforces the decision (it
 * knows the route's @Public / @Roles). API answers are never cached: `Cache-Control: no-store`.
 */
export function earlyAuthentication(tokens: ApiTokenService, limiter: RateLimiter) {
  return (req: EarlyAuthenticatedRequest, res: Response, next: NextFunction): void => {
    // API answers (which carry tenant data) are never cached; the console's static files may be.
    if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    const secret = bearerOf(req.headers.authorization);
    (secret ? tokens.authenticate(secret) : Promise.resolve(null)).then(
      (principal) => {
        if (principal) req.principal = principal;
        const retryAfter = limiter.take(principal?.tokenId ?? `ip:${req.ip ?? 'unknown'}`);
        req.authentication = { presented: secret !== undefined, retryAfter };
        // The body parser leaves it unread (see parseBodyOf): the guard answers 401/429 first.
        if (!principal || retryAfter > 0) req.skipBody = true;
        next();
      },
      (e: unknown) => next(e),
    );
  };
}

/** body-parser's `type` test for the JSON parser: `application/json`, and only for a request the early check let through. */
export function parseBodyOf(req: EarlyAuthenticatedRequest): boolean {
  return req.skipBody !== true && /^\s*application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}
