import { Injectable } from '@nestjs/common';
import { VaultCredentialsResolve, type ResolveCredentialRequest, type ResolvedCredential } from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { ResolveService } from './resolve.service';

/** `vault.credentials.resolve`: reachable only by integration-sync's NATS user (deploy/nats). */
@Injectable()
export class ResolveHandler {
  constructor(private readonly resolver: ResolveService) {}

  @OnRequest(VaultCredentialsResolve)
  resolve(req: ResolveCredentialRequest): Promise<ResolvedCredential> {
    return this.resolver.resolve(req);
  }
}
