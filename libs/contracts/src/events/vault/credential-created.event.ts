import { defineEvent } from '../../define-event';
import { VaultCredentialMetadata } from './credential-metadata';

/** A credential was added to the vault. */
export class VaultCredentialCreatedPayload extends VaultCredentialMetadata {}

export const VaultCredentialCreatedV1 = defineEvent('vault.credential.created.v1', VaultCredentialCreatedPayload);
