import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventDefinition, EventEnvelope } from '@seatkeeper/contracts';
import { Correlation } from '@seatkeeper/platform-observability';
import { v7 as uuidv7 } from 'uuid';
import { PermanentMessageError } from '../errors';
import { describeProblems, validateSyncAgainst } from '../validation';
import { eventsToValidate } from './outbox-validation-plan';
import { advanceEntitySeqs, insertOutboxRows } from './outbox.repository';
import type { OutboxAddOptions, PendingEvent } from './pending-event';

export type { OutboxAddOptions, PendingEvent } from './pending-event';

/**
 * Writes events into the service's outbox inside the caller's transaction, so that the state
 * change and its events commit together or not at all. Publishing is the relay's job.
 * However many events, it takes two statements: one to advance the per-entity counters, one to
 * insert the rows (a batch of 1,000 records can change 2,000 entities). It refuses a payload its
 * contract class rejects; of many events of one type and shape, only the first is validated in
 * full (see eventsToValidate).
 */
export class OutboxWriter {
  /** The transactions (knex's) that wrote outbox rows: once one commits, the relay is nudged. */
  private readonly writers = new WeakSet<object>();

  constructor(private readonly service: string) {}

  /** Whether `transaction` (a committed one's context) wrote outbox rows. */
  wroteIn(transaction: object): boolean {
    return this.writers.has(transaction);
  }

  async add<P extends object>(
    em: EntityManager,
    definition: EventDefinition<string, P>,
    data: P,
    options: OutboxAddOptions = {},
  ): Promise<EventEnvelope<P>> {
    const [envelope] = await this.addAll(em, [{ definition, data, ...options }]);
    return envelope as EventEnvelope<P>;
  }

  async addMany<P extends object>(
    em: EntityManager,
    definition: EventDefinition<string, P>,
    items: (OutboxAddOptions & { data: P })[],
  ): Promise<EventEnvelope<P>[]> {
    return (await this.addAll(em, items.map((item) => ({ ...item, definition })))) as EventEnvelope<P>[];
  }

  async addAll(em: EntityManager, events: readonly PendingEvent[]): Promise<EventEnvelope<object>[]> {
    if (!em.isInTransaction()) {
      // Outside a transaction the event could commit without the change, or the other way round.
      throw new Error(`OutboxWriter must run inside a transaction (${events[0]?.definition.subject ?? 'no events'})`);
    }
    if (events.length === 0) return [];
    for (const e of eventsToValidate(events)) {
      const checked = validateSyncAgainst(e.definition.payload, e.data);
      if (!checked.ok) {
        throw new PermanentMessageError(
          `Refusing to publish an invalid ${e.definition.subject}: ${describeProblems(checked.problems)}`,
        );
      }
    }
    const nextSeq = await this.reserveEntitySeqs(em, events);
    const scope = Correlation.current();
    const defaultCorrelation = scope?.correlationId ?? uuidv7();
    const now = new Date().toISOString();
    const envelopes = events.map((e) => {
      const envelope: EventEnvelope<object> = {
        id: uuidv7(),
        type: e.definition.subject,
        occurredAt: e.occurredAt?.toISOString() ?? now,
        source: this.service,
        correlationId: e.correlationId ?? defaultCorrelation,
        causationId: e.causationId !== undefined ? e.causationId : (scope?.causationId ?? null),
        data: e.data,
      };
      if (e.entityKey) {
        const seq = nextSeq.get(e.entityKey) as number;
        nextSeq.set(e.entityKey, seq + 1);
        envelope.entityKey = e.entityKey;
        envelope.entitySeq = seq;
      }
      return envelope;
    });
    await insertOutboxRows(em, envelopes);
    const transaction = em.getTransactionContext<object>();
    if (transaction) this.writers.add(transaction);
    return envelopes;
  }

  /**
   * Advances each entity's counter by the number of its events and returns the first sequence
   * number to use per key. The counter rows stay locked until the transaction ends, so
   * concurrent changes to one entity serialise; keys are locked in sorted order (no deadlock).
   */
  private async reserveEntitySeqs(em: EntityManager, events: readonly PendingEvent[]): Promise<Map<string, number>> {
    const perKey = new Map<string, number>();
    for (const e of events) if (e.entityKey) perKey.set(e.entityKey, (perKey.get(e.entityKey) ?? 0) + 1);
    if (perKey.size === 0) return new Map();
    const keys = [...perKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const lastSeqs = await advanceEntitySeqs(em, keys.map(([entityKey, count]) => ({ entityKey, count })));
    return new Map([...lastSeqs].map(([key, last]) => [key, last - (perKey.get(key) ?? 1) + 1]));
  }
}
