import { Injectable } from '@nestjs/common';
import {
  VaultCredentialsCreate,
  VaultCredentialsDelete,
  VaultCredentialsGet,
  VaultCredentialsList,
  VaultCredentialsReplaceSecret,
  VaultCredentialsTest,
  VaultCredentialsUpdate,
  type CreateCredentialRequest,
  type CredentialPage,
  type CredentialTestResult,
  type CredentialView,
  type DeleteCredentialRequest,
  type GetCredentialRequest,
  type ListCredentialsRequest,
  type ReplaceCredentialSecretRequest,
  type TestCredentialRequest,
  type UpdateCredentialRequest,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { CredentialTestService } from '../credential-test/credential-test.service';
import { CredentialsService } from './credentials.service';

/** `vault.credentials.*` commands and queries (the gateway's credential routes call these). */
@Injectable()
export class CredentialsHandler {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly tester: CredentialTestService,
  ) {}

  @OnRequest(VaultCredentialsCreate)
  create(req: CreateCredentialRequest): Promise<CredentialView> {
    return this.credentials.create(req);
  }

  @OnRequest(VaultCredentialsList)
  list(req: ListCredentialsRequest): Promise<CredentialPage> {
    return this.credentials.list(req);
  }

  @OnRequest(VaultCredentialsGet)
  get(req: GetCredentialRequest): Promise<CredentialView> {
    return this.credentials.get(req.id);
  }

  @OnRequest(VaultCredentialsUpdate)
  update(req: UpdateCredentialRequest): Promise<CredentialView> {
    return this.credentials.update(req);
  }

  @OnRequest(VaultCredentialsReplaceSecret)
  replaceSecret(req: ReplaceCredentialSecretRequest): Promise<CredentialView> {
    return this.credentials.replaceSecret(req);
  }

  @OnRequest(VaultCredentialsDelete)
  delete(req: DeleteCredentialRequest): Promise<{ id: string; deleted: true }> {
    return this.credentials.delete(req.id, req.actor);
  }

  @OnRequest(VaultCredentialsTest)
  test(req: TestCredentialRequest): Promise<CredentialTestResult> {
    return this.tester.test(req.id, req.actor, { region: req.region, baseUrl: req.baseUrl });
  }
}
