import { Injectable } from '@nestjs/common';
import { SERVICE_NAMES, systemPing, type ServiceName } from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import type { ServiceStatusDto, SystemStatusDto } from './system-status.dto';

const PING_TIMEOUT_MS = 1500;

@Injectable()
export class SystemStatusService {
  constructor(private readonly rpc: RpcClient) {}

  /** Every backend, each reported up or unavailable: never fails as a whole. */
  async check(): Promise<SystemStatusDto> {
    const backends = SERVICE_NAMES.filter((s) => s !== 'gateway');
    const services = await Promise.all(
      backends.map(async (service): Promise<ServiceStatusDto> => {
        try {
          return await this.ping(service);
        } catch (e) {
          return { service, status: 'unavailable', detail: (e as Error).message };
        }
      }),
    );
    return { status: services.every((s) => s.status === 'up') ? 'ok' : 'degraded', services };
  }

  /** One backend; an absent or silent one throws (→ 503 problem+json naming it). */
  async ping(service: ServiceName): Promise<ServiceStatusDto> {
    const pong = await this.rpc.request(systemPing(service), {}, { timeoutMs: PING_TIMEOUT_MS });
    return { service, status: 'up', instance_id: pong.instanceId, version: pong.version };
  }
}
