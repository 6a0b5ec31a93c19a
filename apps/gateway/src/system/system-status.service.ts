import { Injectable } from '@nestjs/common';
import { SERVICE_NAMES, systemPing } from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';

export interface SystemStatusDto {
  status: 'ok' | 'degraded';
  services: { service: string; status: 'up' | 'unavailable'; instanceId?: string; detail?: string }[];
}

@Injectable()
export class SystemStatusService {
  constructor(private readonly rpc: RpcClient) {}

  async check(): Promise<SystemStatusDto> {
    const backends = SERVICE_NAMES.filter((s) => s !== 'gateway');
    const services = await Promise.all(
      backends.map(async (service) => {
        try {
          const pong = await this.rpc.request(systemPing(service), {}, { timeoutMs: 1500 });
          return { service, status: 'up' as const, instanceId: pong.instanceId };
        } catch (e) {
          return { service, status: 'unavailable' as const, detail: (e as Error).message };
        }
      }),
    );
    return { status: services.every((s) => s.status === 'up') ? 'ok' : 'degraded', services };
  }
}
