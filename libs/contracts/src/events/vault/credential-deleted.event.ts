import { defineEvent } from '../../define-event';
import { VaultCredentialMetadata } from './credential-metadata';

/** A credential was deleted (nothing referenced it any more). */
export class VaultCredentialDeletedPayload extends VaultCredentialMetadata {}

export const VaultCredentialDeletedV1 = defineEvent('vault.credential.deleted.v1', VaultCredentialDeletedPayload);
