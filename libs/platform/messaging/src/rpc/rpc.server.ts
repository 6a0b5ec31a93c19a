import { RpcErrorCode, type RequestDefinition, type RpcReply } from '@seatkeeper/contracts';
import { Correlation } from '@seatkeeper/platform-observability';
import type { Msg, Subscription } from 'nats';
import type { Logger } from 'pino';
import { decodeJson, encodeJson } from '../codec';
import type { Naming } from '../naming';
import type { NatsConnectionHolder } from '../nats-connection';
import { validateAgainst } from '../validation';
import { CORRELATION_NATS_HEADER } from './rpc.client';
import { RpcException } from './rpc.errors';

export type RequestHandlerFn = (request: object) => Promise<unknown>;

/** Answers request-reply subjects in a queue group, so replicas share the load. */
export class RpcServer {
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly nats: NatsConnectionHolder,
    private readonly naming: Naming,
    private readonly queue: string,
    private readonly logger: Logger,
  ) {}

  register(definition: RequestDefinition, handler: RequestHandlerFn): void {
    const sub = this.nats.nc.subscribe(this.naming.subject(definition.subject), {
      queue: this.queue,
      callback: (err, msg) => {
        if (err) return;
        const work = this.answer(definition, handler, msg);
        this.inFlight.add(work);
        void work.finally(() => this.inFlight.delete(work));
      },
    });
    this.subscriptions.push(sub);
  }

  /** Stops taking requests and waits for the ones being answered. */
  async stop(): Promise<void> {
    await Promise.allSettled(this.subscriptions.map((s) => s.drain()));
    await Promise.allSettled([...this.inFlight]);
  }

  private async answer(definition: RequestDefinition, handler: RequestHandlerFn, msg: Msg): Promise<void> {
    const correlationId = msg.headers?.get(CORRELATION_NATS_HEADER) || undefined;
    const reply = await Correlation.run({ correlationId, causationId: correlationId ?? null }, async () => {
      try {
        let raw: unknown;
        try {
          raw = msg.data.length ? decodeJson(msg.data) : {};
        } catch {
          throw new RpcException(RpcErrorCode.ValidationFailed, 'The request is not valid JSON');
        }
        const checked = await validateAgainst(definition.request, raw);
        if (!checked.ok) {
          throw new RpcException(RpcErrorCode.ValidationFailed, 'The request is invalid', checked.problems);
        }
        return { ok: true, data: await handler(checked.value) } as RpcReply<unknown>;
      } catch (e) {
        if (e instanceof RpcException) return { ok: false, error: e.toBody() } as RpcReply<unknown>;
        this.logger.error({ err: (e as Error).message, subject: definition.subject }, 'request handler failed');
        return { ok: false, error: { code: RpcErrorCode.Internal, message: 'Internal error' } } as RpcReply<unknown>;
      }
    });
    if (msg.reply) msg.respond(encodeJson(reply));
  }
}
