import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SyncIntegrationsGet, VaultCredentialsGet } from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/** The resources a route's `:id` may name as its parent, and who knows whether one exists. */
const LOOKUPS = {
  integration: (rpc: RpcClient, id: string) => rpc.request(SyncIntegrationsGet, { integrationId: id }),
  credential: (rpc: RpcClient, id: string) => rpc.request(VaultCredentialsGet, { id }),
} as const;

export type ParentKind = keyof typeof LOOKUPS;

const PARENT = Symbol('parent-resource');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one rule for unknown parents: a route whose `:id` names a resource it does not own (a mapping's
 * integration, a credential's access log) answers 404 `NOT_FOUND` when that resource does not exist,
 * asked of the service that owns it — never an empty 200 that reads as "nothing here yet".
 * Routes whose `:id` is the resource itself get the owning service's own NOT_FOUND.
 */
export function ParentResource(kind: ParentKind): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(PARENT, kind), UseInterceptors(ParentExistsInterceptor));
}

@Injectable()
export class ParentExistsInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly rpc: RpcClient,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const kind = this.reflector.getAllAndOverride<ParentKind | undefined>(PARENT, [context.getHandler(), context.getClass()]);
    const id = context.switchToHttp().getRequest<Request>().params['id'];
    // A malformed id is the route's ParseUuidPipe's to refuse (400 naming `id`).
    if (kind && typeof id === 'string' && UUID.test(id)) await LOOKUPS[kind](this.rpc, id); // NOT_FOUND → 404 problem+json
    return next.handle();
  }
}
