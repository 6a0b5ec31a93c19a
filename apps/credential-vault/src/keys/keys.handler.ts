import { Injectable } from '@nestjs/common';
import {
  VaultKeysRotate,
  VaultKeysStatus,
  type KeyRingStatus,
  type KeyRingStatusRequest,
  type MasterKeyRotation,
  type RotateMasterKeyRequest,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { KeyRingService } from './key-ring.service';

/** `vault.keys.*`: master key status and rotation (admins, via the gateway). */
@Injectable()
export class KeysHandler {
  constructor(private readonly keys: KeyRingService) {}

  @OnRequest(VaultKeysStatus)
  async status(req: KeyRingStatusRequest): Promise<KeyRingStatus> {
    const status = await this.keys.status();
    return req.includeRetired === false ? { ...status, keys: status.keys.filter((k) => k.state !== 'retired') } : status;
  }

  @OnRequest(VaultKeysRotate)
  rotate(req: RotateMasterKeyRequest): Promise<MasterKeyRotation> {
    return this.keys.rotate(req.toVersion, req.actor);
  }
}
