import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './role';

export const ROLES_KEY = 'seatkeeper:roles';
export const IS_PUBLIC_KEY = 'seatkeeper:public';

/**
 * Who may call a route: the LEAST role that may, higher roles always may.
 *   @Roles('viewer')   any token (reads)
 *   @Roles('operator') operator and admin (run syncs and workflows)
 *   @Roles('admin')    admin only (change configuration, approve, manage tokens)
 * On a method or on the controller class (the method wins). The global ApiTokenGuard enforces it.
 */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No token, a malformed token, or a revoked one (problem+json, code UNAUTHENTICATED)' }),
    ApiForbiddenResponse({ description: `The token's role is below ${roles.join('|')} (problem+json, code FORBIDDEN)` }),
    ApiTooManyRequestsResponse({ description: 'Rate limit of the token exceeded (problem+json, code RATE_LIMITED)' }),
  );

/** A route that needs no token. Explicit, so the lint rule and the matrix test can tell it from a forgotten guard. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
