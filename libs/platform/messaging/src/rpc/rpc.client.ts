import type { RequestDefinition, RequestOf, ResponseOf, RpcReply } from '@seatkeeper/contracts';
import { Correlation } from '@seatkeeper/platform-observability';
import { ErrorCode, headers as natsHeaders, type NatsError } from 'nats';
import { decodeJson, encodeJson } from '../codec';
import type { Naming } from '../naming';
import type { NatsConnectionHolder } from '../nats-connection';
import { RemoteRpcError, ServiceTimeoutError, ServiceUnavailableError } from './rpc.errors';

export const CORRELATION_NATS_HEADER = 'Seatkeeper-Correlation-Id';

/** Request-reply to another service with a timeout; every failure is a typed RpcException. */
export class RpcClient {
  constructor(
    private readonly nats: NatsConnectionHolder,
    private readonly naming: Naming,
    private readonly defaultTimeoutMs: number,
  ) {}

  async request<D extends RequestDefinition>(
    definition: D,
    payload: RequestOf<D>,
    options: { timeoutMs?: number } = {},
  ): Promise<ResponseOf<D>> {
    const subject = this.naming.subject(definition.subject);
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    const h = natsHeaders();
    h.set(CORRELATION_NATS_HEADER, Correlation.id());
    let reply;
    try {
      reply = await this.nats.nc.request(subject, encodeJson(payload), { timeout, headers: h });
    } catch (e) {
      const code = (e as NatsError).code;
      if (code === ErrorCode.NoResponders) throw new ServiceUnavailableError(definition.service, definition.subject);
      if (code === ErrorCode.Timeout) throw new ServiceTimeoutError(definition.service, definition.subject, timeout);
      throw new ServiceUnavailableError(definition.service, definition.subject);
    }
    const body = decodeJson(reply.data) as RpcReply<ResponseOf<D>>;
    if (body.ok) return body.data;
    throw new RemoteRpcError(definition.service, body.error);
  }
}
