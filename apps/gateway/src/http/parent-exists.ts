import { Injectable } from '@nestjs/common';
import { SyncIntegrationsGet, VaultCredentialsGet } from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';

/**
 * The one rule for unknown parents: a route whose `:id` names a resource it does not own (a mapping's
 * integration, a credential's access log) answers 404 `NOT_FOUND` when that resource does not exist,
 * asked of the service that owns it — never an empty 200 that reads as "nothing here yet". Called by
 * the route's service after validation (so a malformed request is still a 400 naming the field).
 * Routes whose `:id` is the resource itself get the owning service's own NOT_FOUND.
 */
@Injectable()
export class ParentLookup {
  constructor(private readonly rpc: RpcClient) {}

  /** Throws NOT_FOUND (→ 404 problem+json) unless integration-sync knows the integration. */
  async integration(integrationId: string): Promise<void> {
    await this.rpc.request(SyncIntegrationsGet, { integrationId });
  }

  /** Throws NOT_FOUND (→ 404 problem+json) unless the vault knows the credential. */
  async credential(id: string): Promise<void> {
    await this.rpc.request(VaultCredentialsGet, { id });
  }
}
