import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from './role';

/** Who is calling: set on the request by ApiTokenGuard once the bearer token checked out. */
export interface Principal {
  tokenId: string;
  tokenName: string;
  role: Role;
}

export type AuthenticatedRequest = Request & { principal?: Principal; id?: string };

/** `@CurrentPrincipal() who: Principal` in a handler: the caller's token id, name and role. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
});
