import { Injectable } from '@nestjs/common';
import {
  CreateIntegrationRequest,
  IntegrationIdRequest,
  IntegrationsReferencingCredentialRequest,
  ListIntegrationsRequest,
  SyncIntegrationsCreate,
  SyncIntegrationsDelete,
  SyncIntegrationsGet,
  SyncIntegrationsLaunch,
  SyncIntegrationsList,
  SyncIntegrationsPause,
  SyncIntegrationsReferencingCredential,
  SyncIntegrationsUpdate,
  UpdateIntegrationRequest,
  type CredentialReferences,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { IntegrationsService } from './integrations.service';

/** `sync.integrations.*` request-reply: thin, every answer comes from IntegrationsService. */
@Injectable()
export class IntegrationsHandler {
  constructor(private readonly integrations: IntegrationsService) {}

  @OnRequest(SyncIntegrationsCreate)
  create(req: CreateIntegrationRequest) {
    return this.integrations.create(req);
  }

  @OnRequest(SyncIntegrationsGet)
  get(req: IntegrationIdRequest) {
    return this.integrations.get(req.integrationId);
  }

  @OnRequest(SyncIntegrationsList)
  list(req: ListIntegrationsRequest) {
    return this.integrations.list(req);
  }

  @OnRequest(SyncIntegrationsUpdate)
  update(req: UpdateIntegrationRequest) {
    return this.integrations.update(req);
  }

  @OnRequest(SyncIntegrationsDelete)
  delete(req: IntegrationIdRequest) {
    return this.integrations.delete(req.integrationId);
  }

  @OnRequest(SyncIntegrationsLaunch)
  launch(req: IntegrationIdRequest) {
    return this.integrations.launch(req.integrationId);
  }

  @OnRequest(SyncIntegrationsPause)
  pause(req: IntegrationIdRequest) {
    return this.integrations.pause(req.integrationId);
  }

  @OnRequest(SyncIntegrationsReferencingCredential)
  async referencing(req: IntegrationsReferencingCredentialRequest): Promise<CredentialReferences> {
    const rows = await this.integrations.referencingCredential(req.credentialId);
    return { references: rows.map((r) => ({ kind: 'integration', id: r.id, name: r.name })) };
  }
}
