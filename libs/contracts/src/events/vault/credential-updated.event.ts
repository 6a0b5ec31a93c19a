import { IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../../define-event';
import { VaultCredentialMetadata } from './credential-metadata';

/** A credential's metadata changed (name, description); its secret did not. */
export class VaultCredentialUpdatedPayload extends VaultCredentialMetadata {
  /** Names of the fields that changed, e.g. `["name"]`. */
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  changed!: string[];
}

export const VaultCredentialUpdatedV1 = defineEvent('vault.credential.updated.v1', VaultCredentialUpdatedPayload);
