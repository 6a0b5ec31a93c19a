import { RpcClient } from '@seatkeeper/platform-messaging';
import { startServiceProcess, type ServiceProcess } from '@seatkeeper/testing';
import type { GatewayUnderTest } from './gateway-harness';

export type SyncProcess = ServiceProcess;

/** A real integration-sync service on the gateway's bus prefix; `env` adds e.g. the local secret an integration names. */
export function startIntegrationSyncProcess(gateway: GatewayUnderTest, env: Record<string, string> = {}): Promise<SyncProcess> {
  const app = gateway.service.running.app;
  return startServiceProcess('integration-sync', { prefix: gateway.service.prefix, rpc: app.get(RpcClient), env });
}
