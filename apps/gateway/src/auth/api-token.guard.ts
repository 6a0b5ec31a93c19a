import { HttpException, HttpStatus, Injectable, UnauthorizedException, ForbiddenException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { ApiTokenService } from './api-token.service';
import { bearerOf, type EarlyAuthenticatedRequest } from './early-authentication';
import type { AuthenticatedRequest } from './principal';
import { RateLimiter } from './rate-limiter';
import { roleAllows, type Role } from './role';
import { IS_PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

export const RATE_LIMITER = Symbol('RATE_LIMITER');

/**
 * The global guard: every route needs a valid, unrevoked bearer token whose role reaches the
 * route's @Roles, unless it is @Public. A route with neither is refused to everybody (fail closed).
 * Also counts the request against the token's (or, without one, the IP's) rate limit.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokenService,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);

    // Normally decided before the body was read (earlyAuthentication); here for a request that bypassed it.
    const early = (req as EarlyAuthenticatedRequest).authentication;
    const secret = early ? undefined : bearerOf(req.headers.authorization);
    const principal = early ? (req.principal ?? null) : secret ? await this.tokens.authenticate(secret) : null;
    if (principal) req.principal = principal;
    this.limit(early ? early.retryAfter : this.limiter.take(principal?.tokenId ?? `ip:${req.ip ?? 'unknown'}`), res);
    const presented = early ? early.presented : secret !== undefined;

    if (isPublic) return true;
    if (!principal) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="seatkeeper"');
      throw new UnauthorizedException(presented ? 'The token is malformed, unknown or revoked' : 'A bearer token is required');
    }
    if (!required || required.length === 0) throw new ForbiddenException('This route declares no roles, so nobody may call it');
    if (!roleAllows(principal.role, required)) {
      throw new ForbiddenException(`This route needs the ${required.join(' or ')} role; the token has ${principal.role}`);
    }
    return true;
  }

  private limit(retryAfter: number, res: Response): void {
    if (retryAfter === 0) return;
    res.setHeader('Retry-After', String(retryAfter));
    throw new HttpException('Too many requests for this token; retry later', HttpStatus.TOO_MANY_REQUESTS);
  }
}
