import type { RequestDefinition, RequestOf, ResponseOf, RpcReply } from '@seatkeeper/contracts';
import { RemoteRpcError, type RpcClient } from '@seatkeeper/platform-messaging';
import { testInfra } from '@seatkeeper/testing';
import { connect, type NatsConnection } from 'nats';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The test's own request-reply client on the stack's prefix (what the gateway would send). */
export class Bus {
  private constructor(
    readonly nc: NatsConnection,
    readonly prefix: string,
  ) {}

  static async connect(prefix: string): Promise<Bus> {
    return new Bus(await connect({ servers: testInfra().natsUrl }), prefix);
  }

  async request<D extends RequestDefinition>(definition: D, payload: RequestOf<D>, options: { timeoutMs?: number } = {}): Promise<ResponseOf<D>> {
    const msg = await this.nc.request(this.prefix + definition.subject, enc.encode(JSON.stringify(payload)), { timeout: options.timeoutMs ?? 30_000 });
    const reply = JSON.parse(dec.decode(msg.data)) as RpcReply<ResponseOf<D>>;
    if (reply.ok) return reply.data;
    // The details go into the message so a failing test says which field was refused.
    throw new RemoteRpcError(definition.service, { ...reply.error, message: `${reply.error.message} ${JSON.stringify(reply.error.details ?? '')}` });
  }

  /** startServiceProcess only needs `request` to ping the service it starts. */
  asRpcClient(): RpcClient {
    return this as unknown as RpcClient;
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}
