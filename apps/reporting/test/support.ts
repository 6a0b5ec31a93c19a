import type { EventDefinition } from '@seatkeeper/contracts';
import { Naming, NatsConnectionHolder, RpcClient } from '@seatkeeper/platform-messaging';
import type { ServiceUnderTest } from '@seatkeeper/testing';
import { v7 as uuidv7 } from 'uuid';
import type { ReportingEnv } from '../src/config/reporting.env';

/** Publishes an event as a producer's outbox relay does (envelope; Nats-Msg-Id = event id), on the service's prefix. */
export async function publish(
  svc: ServiceUnderTest<ReportingEnv>,
  definition: EventDefinition,
  data: object,
  entity?: { key: string; seq: number },
  source = 'workflow',
): Promise<void> {
  const app = svc.running.app;
  const id = uuidv7();
  const envelope = {
    id,
    type: definition.subject,
    occurredAt: new Date().toISOString(),
    source,
    correlationId: id,
    causationId: null,
    ...(entity ? { entityKey: entity.key, entitySeq: entity.seq } : {}),
    data,
  };
  await app.get(NatsConnectionHolder).js.publish(app.get(Naming).subject(definition.subject), new TextEncoder().encode(JSON.stringify(envelope)), { msgID: id });
}

export const rpcOf = (svc: ServiceUnderTest<ReportingEnv>) => svc.running.app.get(RpcClient);
