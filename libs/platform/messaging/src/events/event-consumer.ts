import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { EventEnvelopeHeaderDto, type EventDefinition, type EventEnvelope } from '@seatkeeper/contracts';
import { Correlation } from '@seatkeeper/platform-observability';
import { AckPolicy, DeliverPolicy, nanos, type Consumer, type ConsumerMessages, type JsMsg } from 'nats';
import type { Logger } from 'pino';
import type { Counter, Histogram } from 'prom-client';
import { decodeJson, decodeText } from '../codec';
import { PermanentMessageError } from '../errors';
import type { ConsumerOptions } from '../messaging.options';
import type { NatsConnectionHolder } from '../nats-connection';
import { describeProblems, validateSyncAgainst } from '../validation';
import { decideAck } from './ack-policy';
import type { DeadLetterStore } from './dead-letter.store';
import { EntityLanes } from './entity-lanes';
import { FetchSize } from './fetch-size';
import { inEntitySeqOrder } from './entity-seq-order';
import { handlerGroups } from './handler-groups';
import { admitToInbox, advanceEntityCursor, sequencedEntity } from './inbox';
import { admitBatchToInbox, type BatchVerdict } from './inbox-batch';
import { isConsumerExists } from './jetstream-errors';
import { RetryDelays } from './retry-delays';

export type EventHandlerFn = (event: EventEnvelope<object>, em: EntityManager) => Promise<void>;
export type EventsHandlerFn = (events: EventEnvelope<object>[], em: EntityManager) => Promise<void>;

export interface ConsumerGroupSpec {
  /** Durable consumer name on the wire (prefixed). */
  durable: string;
  /** Stream name on the wire (prefixed). */
  stream: string;
  /** Wire subject filter, or undefined for the whole stream. */
  filterSubject?: string;
  handlers: Map<string, Handler>;
}

/** How long one pull waits for messages on an idle stream before it is asked again. */
const FETCH_EXPIRES_MS = 5000;

type Handler = { definition: EventDefinition; handle: EventHandlerFn; handleMany?: EventsHandlerFn };
type Parsed = { ok: true; envelope: EventEnvelope; handler?: Handler } | { ok: false; reason: string };
interface Pulled {
  m: JsMsg;
  parsed: Parsed;
}
/** A message ready for a batch: its validated event and handler. */
interface Ready extends Pulled {
  envelope: EventEnvelope;
  event: EventEnvelope<object>;
  handler?: Handler;
}

/**
 * Runs one durable pull consumer: validates every message, applies it exactly once through the
 * inbox, keeps per-entity order, and lets decideAck() choose ack, nak or dead-letter.
 *
 * Messages are dealt into lanes by entity key (EntityLanes): one entity's events are handled in
 * stream order by one lane, and a lane applies what has queued up as one batch — one
 * transaction, one multi-row inbox insert (admitBatchToInbox), every handler on the same
 * EntityManager, one commit. If anything in the batch fails, the whole transaction rolls back and
 * its messages are handled one at a time, each in its own transaction, so a poison message is
 * dead-lettered alone and the others still take effect exactly once.
 */
export class EventConsumer {
  private running = false;
  private messages?: ConsumerMessages;
  private readonly fetchSize: FetchSize;
  private loop?: Promise<void>;
  private lanes?: EntityLanes<Pulled>;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly spec: ConsumerGroupSpec,
    private readonly orm: MikroORM,
    private readonly nats: NatsConnectionHolder,
    private readonly options: ConsumerOptions,
    private readonly deadLetters: DeadLetterStore,
    private readonly logger: Logger,
    private readonly metrics?: { outcomes: Counter<string>; batchSizes: Histogram<string> },
  ) {
    this.fetchSize = new FetchSize(options.batchBytes * 2, options.batchSize);
  }

  async start(): Promise<void> {
    const config = {
      durable_name: this.spec.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.options.ackWaitMs),
      max_ack_pending: Math.max(1000, this.options.batchSize * this.options.concurrency * 2),
      ...(this.spec.filterSubject ? { filter_subject: this.spec.filterSubject } : {}),
    };
    try {
      await this.nats.jsm.consumers.add(this.spec.stream, config);
    } catch (e) {
      if (!isConsumerExists(e)) throw e;
      await this.nats.jsm.consumers.update(this.spec.stream, this.spec.durable, config);
    }
    const consumer = await this.nats.js.consumers.get(this.spec.stream, this.spec.durable);
    const lanes = new EntityLanes<Pulled>(
      this.options.concurrency,
      { items: this.options.batchSize * 2, bytes: this.options.batchBytes * 2 },
      (p) => (p.parsed.ok ? (p.parsed.envelope.entityKey ?? p.parsed.envelope.id) : `seq:${p.m.seq}`),
      (p) => p.m.data.length,
    );
    this.lanes = lanes;
    this.running = true;
    this.loop = this.pump(consumer, lanes);
    this.workers = Array.from({ length: lanes.count }, (_, lane) => this.work(lanes, lane));
  }

  /** Stops pulling and waits until the messages already pulled are settled. */
  async stop(): Promise<void> {
    this.running = false;
    await this.messages?.close();
    await this.loop;
    this.lanes?.close();
    await Promise.allSettled(this.workers);
  }

  /**
   * Pulls with one bounded `fetch` after another, each asked for only when the previous one's
   * messages are in the lanes (which push back when full). `consume()` refills as messages
   * *arrive*, not as they are applied, so a consumer slower than its stream — mapping behind a
   * first sync's pages of 100 records — held up to `max_ack_pending` messages in memory, a
   * backlog that grew with the size of the sync. Here at most one fetch waits beyond the lanes:
   * as many messages as fit in two batches' bytes at the sizes seen so far (a fetch bounded by
   * `max_bytes` instead is only known to be over when it expires: nats.js 2.29).
   */
  private async pump(consumer: Consumer, lanes: EntityLanes<Pulled>): Promise<void> {
    const delays = new RetryDelays(200, 5000);
    while (this.running) {
      try {
        this.messages = await consumer.fetch({ max_messages: this.fetchSize.next(), expires: FETCH_EXPIRES_MS });
        for await (const m of this.messages) {
          this.fetchSize.saw(m.data.length);
          await lanes.push({ m, parsed: this.parse(m) });
        }
        delays.reset();
      } catch (e) {
        if (!this.running) return;
        // NATS away or the consumer being recreated: ask again, less often while it lasts.
        this.logger.warn({ err: (e as Error).message, consumer: this.spec.durable }, 'pull failed; pulling again');
        await new Promise((resolve) => setTimeout(resolve, delays.next()));
      }
    }
  }

  private async work(lanes: EntityLanes<Pulled>, lane: number): Promise<void> {
    for (;;) {
      const batch = await lanes.take(lane, this.options.batchSize, this.options.batchBytes);
      if (!batch) return;
      await this.handleBatch(batch).catch((e: unknown) =>
        this.logger.error({ err: (e as Error).message, consumer: this.spec.durable }, 'batch handling crashed'),
      );
    }
  }

  private async handleBatch(batch: Pulled[]): Promise<void> {
    if (batch.length === 1) return this.handle(batch[0] as Pulled);
    const prepared: Ready[] = [];
    for (const p of batch) {
      const r = this.prepare(p);
      // Unreadable or invalid: its own path (dead letter); it cannot be part of a batch.
      if (r) prepared.push(r);
      else await this.handle(p);
    }
    const ready = inEntitySeqOrder(prepared, (r) => sequencedEntity(r.envelope));
    if (ready.length === 0) return;
    let verdicts: BatchVerdict[] = [];
    this.metrics?.batchSizes.observe({ consumer: this.spec.durable }, ready.length);
    try {
      await this.orm.em.fork().transactional(async (em) => {
        verdicts = await admitBatchToInbox(
          em,
          this.spec.durable,
          ready.map((r) => ({ envelope: r.envelope, streamSeq: r.m.info.streamSequence, gapWaitOver: this.gapWaitOver(r.m) })),
        );
        await this.applyInOrder(ready, verdicts, em);
      });
    } catch (e) {
      this.logger.warn({ err: (e as Error).message, consumer: this.spec.durable, size: ready.length }, 'batch failed; handling its events one at a time');
      for (const r of ready) await this.handle(r);
      return;
    }
    for (const [i, r] of ready.entries()) {
      if (verdicts[i] === 'wait') {
        this.metrics?.outcomes.inc({ consumer: this.spec.durable, outcome: 'nak' });
        r.m.nak(this.options.gapDelayMs);
      } else {
        this.metrics?.outcomes.inc({ consumer: this.spec.durable, outcome: 'ack' });
        r.m.ack();
      }
    }
  }

  /**
   * Calls the handlers of the admitted events, each entity's in stream order; a set-based handler
   * gets its type's events of the batch at once (handlerGroups: alternating types of different
   * entities gather, one entity's order holds).
   */
  private async applyInOrder(ready: Ready[], verdicts: BatchVerdict[], em: EntityManager): Promise<void> {
    const admitted = ready.filter((r, i): r is Ready & { handler: Handler } => verdicts[i] === 'apply' && Boolean(r.handler));
    const segments = handlerGroups(admitted, (r) => r.envelope.entityKey ?? r.envelope.id, (r) => r.handler);
    for (const groups of segments) {
      for (const [handler, rs] of groups) {
        const many = handler.handleMany;
        if (many) {
          const first = rs[0] as Ready;
          await Correlation.run({ correlationId: first.envelope.correlationId, causationId: first.envelope.id }, () => many(rs.map((r) => r.event), em));
        } else {
          for (const r of rs) {
            await Correlation.run({ correlationId: r.envelope.correlationId, causationId: r.envelope.id }, () => handler.handle(r.event, em));
          }
        }
      }
    }
  }

  /** The message's validated event, or null when it cannot be batched (unreadable, invalid payload). */
  private prepare(p: Pulled): Ready | null {
    if (!p.parsed.ok) return null;
    const { envelope, handler } = p.parsed;
    if (!handler) return { ...p, envelope, event: envelope as EventEnvelope<object> };
    // Synchronous: event contracts carry no async constraints, and the async path costs twice as much per event.
    const payload = validateSyncAgainst(handler.definition.payload, envelope.data);
    if (!payload.ok) return null;
    return { ...p, envelope, handler, event: { ...envelope, data: payload.value } as EventEnvelope<object> };
  }

  private gapWaitOver(m: JsMsg): boolean {
    return m.info.redeliveryCount > this.options.gapWaitDeliveries;
  }

  /** One message in its own transaction: the path of a lone message and the fallback of a failed batch. */
  private async handle({ m, parsed }: Pulled): Promise<void> {
    const deliveries = m.info.redeliveryCount;
    this.metrics?.batchSizes.observe({ consumer: this.spec.durable }, 1);
    if (!parsed.ok) {
      await this.deadLetter(m, deliveries, parsed.reason, null, null);
      return;
    }
    const { envelope, handler } = parsed;
    let error: unknown;
    try {
      const payload = handler ? validateSyncAgainst(handler.definition.payload, envelope.data) : undefined;
      if (payload && !payload.ok) {
        throw new PermanentMessageError(`invalid ${envelope.type} payload: ${describeProblems(payload.problems)}`);
      }
      const event = (payload?.ok ? { ...envelope, data: payload.value } : envelope) as EventEnvelope<object>;
      await Correlation.run({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
        this.orm.em.fork().transactional(async (em) => {
          const verdict = await admitToInbox(em, this.spec.durable, envelope, m.info.streamSequence, this.gapWaitOver(m));
          if (verdict === 'apply' && handler) await handler.handle(event, em);
        }),
      );
    } catch (e) {
      error = e;
    }
    const decision = decideAck(error, deliveries, this.options);
    this.metrics?.outcomes.inc({ consumer: this.spec.durable, outcome: decision.action });
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

  private parse(m: JsMsg): Parsed {
    let raw: unknown;
    try {
      raw = decodeJson(m.data);
    } catch {
      return { ok: false, reason: 'malformed: the message is not JSON' };
    }
    return this.checkEnvelope(raw, m.subject);
  }

  private checkEnvelope(raw: unknown, wireSubject: string): Parsed {
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
        const entity = envelope ? sequencedEntity(envelope) : null;
        if (entity) {
          await advanceEntityCursor(em, this.spec.durable, entity.key, entity.seq, true).catch(
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

