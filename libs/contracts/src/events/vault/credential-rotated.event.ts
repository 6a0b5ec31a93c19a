import { defineEvent } from '../../define-event';
import { VaultCredentialMetadata } from './credential-metadata';

/** A credential's secret (or local reference) was replaced; `secretVersion` is the new version. Consumers drop any cached token. */
export class VaultCredentialRotatedPayload extends VaultCredentialMetadata {}

export const VaultCredentialRotatedV1 = defineEvent('vault.credential.rotated.v1', VaultCredentialRotatedPayload);
