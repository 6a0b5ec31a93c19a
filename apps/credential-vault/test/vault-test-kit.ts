import type { RequestDefinition, RpcReply } from '@seatkeeper/contracts';
import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection, type Subscription } from 'nats';

const enc = new TextEncoder();
const dec = new TextDecoder();

export const newMasterKey = (): string => randomBytes(32).toString('base64');

/** A plain NATS client standing in for another service (integration-sync, the gateway) in tests. */
export class BusPeer {
  private readonly subs: Subscription[] = [];

  private constructor(
    readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, prefix: string, auth: { user?: string; pass?: string } = {}): Promise<BusPeer> {
    return new BusPeer(await connect({ servers: url, ...auth }), prefix);
  }

  async request<T>(definition: RequestDefinition | string, payload: unknown, timeout = 5000): Promise<RpcReply<T>> {
    const subject = typeof definition === 'string' ? definition : definition.subject;
    const msg = await this.nc.request(this.prefix + subject, enc.encode(JSON.stringify(payload)), { timeout });
    return JSON.parse(dec.decode(msg.data)) as RpcReply<T>;
  }

  /** Answers a request subject the way an RpcServer does (`{ok, data}` / `{ok:false, error}`). */
  respond(definition: RequestDefinition, handler: (req: Record<string, unknown>) => Promise<RpcReply<unknown>>): void {
    const sub = this.nc.subscribe(this.prefix + definition.subject, {
      callback: (_err, msg) => {
        void handler(JSON.parse(dec.decode(msg.data)) as Record<string, unknown>).then((reply) => msg.respond(enc.encode(JSON.stringify(reply))));
      },
    });
    this.subs.push(sub);
  }

  /** Collects every message on `subject` (wildcards allowed) as text. */
  collect(subject: string): string[] {
    const seen: string[] = [];
    this.subs.push(this.nc.subscribe(this.prefix + subject, { callback: (_e, m) => void seen.push(dec.decode(m.data)) }));
    return seen;
  }

  unsubscribeAll(): void {
    for (const s of this.subs.splice(0)) s.unsubscribe();
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}

export function expectOk<T>(reply: RpcReply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.error.code}: ${reply.error.message}`);
  return reply.data;
}

export function expectError<T>(reply: RpcReply<T>): { code: string; message: string; details?: unknown } {
  if (reply.ok) throw new Error('expected an error reply, got ok');
  return reply.error;
}
