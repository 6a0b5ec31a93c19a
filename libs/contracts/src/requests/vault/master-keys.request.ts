import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { defineRequest } from '../../define-request';
import { ActorFields } from './credential-shapes';

export class RotateMasterKeyRequest extends ActorFields {
  /**
   * The key-ring version to make active, e.g. `v2`. It must already be in the ring the vault was
   * given (VAULT_MASTER_KEYS or VAULT_MASTER_KEYS_FILE, which is re-read first). Default: the
   * highest version in the ring.
   */
  @IsOptional()
  @Matches(/^v[0-9]{1,6}$/, { message: 'toVersion must look like v2' })
  toVersion?: string;
}

export interface MasterKeyStatus {
  version: string;
  state: 'active' | 'available' | 'retired';
  /** Whether the ring the vault holds now has this version (a retired key may be removed from it). */
  inRing: boolean;
  /** Data keys wrapped by this version. */
  wrappedDataKeys: number;
  activatedAt: string | null;
  retiredAt: string | null;
}

export interface KeyRingStatus {
  activeVersion: string;
  keys: MasterKeyStatus[];
}

export interface MasterKeyRotation extends KeyRingStatus {
  fromVersions: string[];
  /** How many data keys were rewrapped (the secrets themselves were not decrypted). */
  rewrapped: number;
}

/** Makes a master key version active, rewraps every data key under it, retires the others. */
export const VaultKeysRotate = defineRequest<MasterKeyRotation>('vault.keys.rotate', RotateMasterKeyRequest, 'credential-vault');

export class KeyRingStatusRequest {
  /** Also list retired versions (default true). */
  @IsOptional()
  @IsBoolean()
  includeRetired?: boolean;
}

export const VaultKeysStatus = defineRequest<KeyRingStatus>('vault.keys.status', KeyRingStatusRequest, 'credential-vault');
