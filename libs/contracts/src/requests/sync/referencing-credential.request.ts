import { IsUUID } from 'class-validator';
import { defineRequest } from '../../define-request';

export class IntegrationsReferencingCredentialRequest {
  @IsUUID()
  credentialId!: string;
}

export interface CredentialReference {
  kind: 'integration' | 'workflow';
  id: string;
  name: string;
}

export interface CredentialReferences {
  /** Every integration, and every workflow block integration-sync knows of, that uses the credential; empty when none. */
  references: CredentialReference[];
}

/** Asked by credential-vault before it deletes a credential; a non-empty answer refuses the delete. */
export const SyncIntegrationsReferencingCredential = defineRequest<CredentialReferences>(
  'sync.integrations.referencing-credential',
  IntegrationsReferencingCredentialRequest,
  'integration-sync',
);
