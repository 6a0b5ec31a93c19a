import type { EventDefinition } from '@seatkeeper/contracts';
import { Naming, NatsConnectionHolder, RpcClient } from '@seatkeeper/platform-messaging';
import { startServiceProcess, type ServiceProcess } from '@seatkeeper/testing';
import { v7 as uuidv7 } from 'uuid';
import type { GatewayUnderTest } from './gateway-harness';

export type MappingProcess = ServiceProcess;

/** A real mapping service on the gateway's bus prefix. */
export function startMappingProcess(gateway: GatewayUnderTest): Promise<MappingProcess> {
  const app = gateway.service.running.app;
  return startServiceProcess('mapping', { prefix: gateway.service.prefix, rpc: app.get(RpcClient) });
}

/** Publishes an event the way a producer's outbox relay does (envelope, Nats-Msg-Id = event id), under the gateway's prefix. */
export async function publishEvent(gateway: GatewayUnderTest, definition: EventDefinition, data: object): Promise<void> {
  const app = gateway.service.running.app;
  const id = uuidv7();
  const envelope = { id, type: definition.subject, occurredAt: new Date().toISOString(), source: 'integration-sync', correlationId: id, causationId: null, data };
  await app.get(NatsConnectionHolder).js.publish(app.get(Naming).subject(definition.subject), new TextEncoder().encode(JSON.stringify(envelope)), { msgID: id });
}

/**
 * Plays integration-sync's `sync.integrations.get` on the gateway's prefix: the integrations in
 * `known` exist (a minimal view), any other id is NOT_FOUND — what the parent check of the
 * `/mappings/{id}` routes asks. Returns a stop function.
 */
export function answerIntegrationsGet(gateway: GatewayUnderTest, known: readonly string[]): () => Promise<void> {
  const app = gateway.service.running.app;
  const nc = app.get(NatsConnectionHolder).nc;
  const sub = nc.subscribe(app.get(Naming).subject('sync.integrations.get'), {
    callback: (_err, msg) => {
      const { integrationId } = JSON.parse(new TextDecoder().decode(msg.data)) as { integrationId: string };
      const reply = known.includes(integrationId)
        ? { ok: true, data: { id: integrationId, vendor: 'pagerduty' } }
        : { ok: false, error: { code: 'NOT_FOUND', message: `Integration ${integrationId} does not exist` } };
      msg.respond(new TextEncoder().encode(JSON.stringify(reply)));
    },
  });
  return async () => {
    sub.unsubscribe();
    await nc.flush();
  };
}
