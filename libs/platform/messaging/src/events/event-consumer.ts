import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { EventEnvelopeHeaderDto, type EventDefinition, type EventEnvelope } from '@seatkeeper/contracts';
import { Correlation } from '@seatkeeper/platform-observability';
import { AckPolicy, DeliverPolicy, nanos, type ConsumerMessages, type JsMsg } from 'nats';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { decodeJson, decodeText } from '../codec';
import { PermanentMessageError } from '../errors';
import type { ConsumerOptions } from '../messaging.options';
import type { NatsConnectionHolder } from '../nats-connection';
import { describeProblems, validateAgainst, validateSyncAgainst } from '../validation';
import { decideAck } from './ack-policy';
import type { DeadLetterStore } from './dead-letter.store';
import { admitToInbox, advanceEntityCursor } from './inbox';

export type EventHandlerFn = (event: EventEnvelope<object>, em: EntityManager) => Promise<void>;

export interface ConsumerGroupSpec {
  /** Durable consumer name on the wire (prefixed). */
  durable: string;
  /** Stream name on the wire (prefixed). */
  stream: string;
  /** Wire subject filter, or undefined for the whole stream. */
  filterSubject?: string;
  handlers: Map<string, { definition: EventDefinition; handle: EventHandlerFn }>;
}

/**
 * Runs one durable pull consumer: validates every message, applies it exactly once through the
 * inbox, keeps per-entity order, and lets decideAck() choose ack, nak or dead-letter + term.
 */
export class EventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly spec: ConsumerGroupSpec,
    private readonly orm: MikroORM,
    private readonly nats: NatsConnectionHolder,
    private readonly options: ConsumerOptions,
    private readonly deadLetters: DeadLetterStore,
    private readonly logger: Logger,
    private readonly outcomes?: Counter<string>,
  ) {}

  async start(): Promise<void> {
    const config = {
      durable_name: this.spec.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.options.ackWaitMs),
      max_ack_pending: 1000,
      ...(this.spec.filterSubject ? { filter_subject: this.spec.filterSubject } : {}),
    };
    try {
      await this.nats.jsm.consumers.add(this.spec.stream, config);
    } catch (e) {
      if (!String((e as Error).message).includes('already')) throw e;
      await this.nats.jsm.consumers.update(this.spec.stream, this.spec.durable, config);
    }
    const consumer = await this.nats.js.consumers.get(this.spec.stream, this.spec.durable);
    this.messages = await consumer.consume({ max_messages: Math.max(this.options.concurrency * 2, 32) });
    this.loop = this.pump(this.messages);
  }

  /** Stops pulling and waits until the messages already being handled are settled. */
  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async pump(messages: ConsumerMessages): Promise<void> {
    for await (const m of messages) {
      while (this.inFlight.size >= this.options.concurrency) {
        await Promise.race(this.inFlight);
      }
      const work = this.handle(m).catch((e: unknown) =>
        this.logger.error({ err: (e as Error).message, subject: m.subject }, 'message handling crashed'),
      );
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    const deliveries = m.info.redeliveryCount;
    const parsed = this.parse(m);
    if (!parsed.ok) {
      await this.deadLetter(m, deliveries, parsed.reason, null, null);
      return;
    }
    const { envelope, handler } = parsed;
    let error: unknown;
    try {
      const payload = handler ? await validateAgainst(handler.definition.payload, envelope.data) : undefined;
      if (payload && !payload.ok) {
        throw new PermanentMessageError(`invalid ${envelope.type} payload: ${describeProblems(payload.problems)}`);
      }
      const event = (payload?.ok ? { ...envelope, data: payload.value } : envelope) as EventEnvelope<object>;
      const gapWaitOver = deliveries > this.options.gapWaitDeliveries;
      await Correlation.run({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
        this.orm.em.fork().transactional(async (em) => {
          const verdict = await admitToInbox(em, this.spec.durable, envelope, m.info.streamSequence, gapWaitOver);
          if (verdict === 'apply' && handler) await handler.handle(event, em);
        }),
      );
    } catch (e) {
      error = e;
    }
    const decision = decideAck(error, deliveries, this.options);
    this.outcomes?.inc({ consumer: this.spec.durable, outcome: decision.action });
    if (decision.action === 'ack') {
      // A plain ack: if it is lost, the redelivery meets the inbox row and has no second effect, so
      // the double ack's extra round trip per message buys nothing here.
      m.ack();
    } else if (decision.action === 'nak') {
      this.logger.warn(
        { err: (error as Error)?.message, subject: m.subject, deliveries, delayMs: decision.delayMs },
        'event handling failed; redelivering',
      );
      m.nak(decision.delayMs);
    } else {
      await this.deadLetter(m, deliveries, decision.reason, envelope, error);
    }
  }

  private parse(
    m: JsMsg,
  ):
    | { ok: true; envelope: EventEnvelope; handler?: { definition: EventDefinition; handle: EventHandlerFn } }
    | { ok: false; reason: string } {
    let raw: unknown;
    try {
      raw = decodeJson(m.data);
    } catch {
      return { ok: false, reason: 'malformed: the message is not JSON' };
    }
    return this.checkEnvelope(raw, m.subject);
  }

  private checkEnvelope(
    raw: unknown,
    wireSubject: string,
  ):
    | { ok: true; envelope: EventEnvelope; handler?: { definition: EventDefinition; handle: EventHandlerFn } }
    | { ok: false; reason: string } {
    const envelope = raw as EventEnvelope;
    const checked = validateSyncAgainst(EventEnvelopeHeaderDto, raw);
    if (!checked.ok) return { ok: false, reason: `invalid envelope: ${describeProblems(checked.problems)}` };
    if (!wireSubject.endsWith(envelope.type)) {
      return { ok: false, reason: `envelope type ${envelope.type} does not match subject ${wireSubject}` };
    }
    return { ok: true, envelope, handler: this.spec.handlers.get(envelope.type) };
  }

  private async deadLetter(
    m: JsMsg,
    deliveries: number,
    reason: string,
    envelope: EventEnvelope | null,
    error: unknown,
  ): Promise<void> {
    try {
      await this.orm.em.fork().transactional(async (em) => {
        await this.deadLetters.record(em, {
          consumer: this.spec.durable,
          eventId: envelope?.id ?? null,
          subject: m.subject,
          streamSeq: m.info.streamSequence,
          deliveries,
          reason,
          error: error ? ((error as Error).stack ?? String(error)) : null,
          payload: decodeText(m.data),
        });
        // The entity's later events must not wait for one that will never be applied.
        if (envelope?.entityKey && envelope.entitySeq) {
          await advanceEntityCursor(em, this.spec.durable, envelope.entityKey, envelope.entitySeq, true).catch(
            () => undefined,
          );
        }
      });
      this.logger.error({ subject: m.subject, deliveries, reason }, 'event dead-lettered');
      m.term();
    } catch (e) {
      // Could not even record it (Postgres down): let JetStream redeliver later.
      this.logger.error({ err: (e as Error).message }, 'dead-letter write failed; redelivering');
      m.nak(this.options.backoffMs.at(-1) ?? 30_000);
    }
  }
}

