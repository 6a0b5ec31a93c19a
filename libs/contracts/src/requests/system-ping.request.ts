import { IsOptional, IsString, MaxLength } from 'class-validator';
import { defineRequest } from '../define-request';
import type { ServiceName } from '../services';

export class SystemPingRequest {
  /** Free text echoed back; lets a caller match replies in tests and diagnostics. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  echo?: string;
}

export interface SystemPingResponse {
  service: string;
  instanceId: string;
  version: string;
  uptimeSeconds: number;
  echo?: string;
}

/** Every service answers `system.ping.<service>`; the gateway uses it for `/api/v1/system/status`. */
export function systemPing(service: ServiceName) {
  return defineRequest<SystemPingResponse>(`system.ping.${service}`, SystemPingRequest, service);
}
