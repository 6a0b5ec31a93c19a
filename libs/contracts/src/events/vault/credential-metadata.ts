import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { CREDENTIAL_STORAGES, CREDENTIAL_TYPES, type CredentialStorage, type CredentialType } from '../../requests/vault/credential-shapes';

/** What vault events say about a credential: metadata only, never a secret or a hint of one. */
export class VaultCredentialMetadata {
  @IsUUID()
  credentialId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** e.g. `pagerduty`. */
  @IsString()
  @MaxLength(50)
  vendor!: string;

  @IsIn(CREDENTIAL_TYPES)
  type!: CredentialType;

  @IsIn(CREDENTIAL_STORAGES)
  storage!: CredentialStorage;

  /** 1 at creation, +1 each time the secret is replaced. */
  @IsInt()
  @Min(1)
  secretVersion!: number;

  /** Who made the change. */
  @IsString()
  @MaxLength(200)
  actor!: string;
}
