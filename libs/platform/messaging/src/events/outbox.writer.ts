import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventDefinition, EventEnvelope } from '@seatkeeper/contracts';
import { Correlation } from '@seatkeeper/platform-observability';
import { v7 as uuidv7 } from 'uuid';
import { PermanentMessageError } from '../errors';
import { describeProblems, validateSyncAgainst } from '../validation';

export interface OutboxAddOptions {
  /** The entity the event is about; events with one key are applied in order by every consumer. */
  entityKey?: string;
  correlationId?: string;
  causationId?: string | null;
  occurredAt?: Date;
}

/**
 * Writes events into the service's outbox inside the caller's transaction, so that the state
 * change and its events commit together or not at all. Publishing is the relay's job.
 */
export class OutboxWriter {
  constructor(private readonly service: string) {}

  async add<P extends object>(
    em: EntityManager,
    definition: EventDefinition<string, P>,
    data: P,
    options: OutboxAddOptions = {},
  ): Promise<EventEnvelope<P>> {
    const [envelope] = await this.addMany(em, definition, [{ data, ...options }]);
    return envelope as EventEnvelope<P>;
  }

  /**
   * Writes many events of one type with one INSERT per 1,000 rows (a sync batch emits hundreds;
   * a round trip per event would dominate the batch's transaction).
   */
  async addMany<P extends object>(
    em: EntityManager,
    definition: EventDefinition<string, P>,
    items: (OutboxAddOptions & { data: P })[],
  ): Promise<EventEnvelope<P>[]> {
    if (!em.isInTransaction()) {
      // Outside a transaction the event could commit without the change, or the other way round.
      throw new Error(`OutboxWriter.add(${definition.subject}) must run inside a transaction`);
    }
    const scope = Correlation.current();
    const envelopes: EventEnvelope<P>[] = [];
    for (const item of items) {
      const checked = validateSyncAgainst(definition.payload, item.data);
      if (!checked.ok) {
        throw new PermanentMessageError(
          `Refusing to publish an invalid ${definition.subject}: ${describeProblems(checked.problems)}`,
        );
      }
      const envelope: EventEnvelope<P> = {
        id: uuidv7(),
        type: definition.subject,
        occurredAt: (item.occurredAt ?? new Date()).toISOString(),
        source: this.service,
        correlationId: item.correlationId ?? scope?.correlationId ?? uuidv7(),
        causationId: item.causationId !== undefined ? item.causationId : (scope?.causationId ?? null),
        data: item.data,
      };
      if (item.entityKey) {
        envelope.entityKey = item.entityKey;
        envelope.entitySeq = await this.nextEntitySeq(em, item.entityKey);
      }
      envelopes.push(envelope);
    }
    for (let i = 0; i < envelopes.length; i += 1000) {
      const chunk = envelopes.slice(i, i + 1000);
      await em.execute(
        `insert into outbox (event_id, subject, envelope, entity_key) values ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
        chunk.flatMap((e) => [e.id, e.type, JSON.stringify(e), e.entityKey ?? null]),
      );
    }
    return envelopes;
  }

  /** Row-locks the entity's counter for the rest of the transaction: concurrent changes to one entity serialise here. */
  private async nextEntitySeq(em: EntityManager, entityKey: string): Promise<number> {
    const rows = await em.execute<{ last_seq: string }[]>(
      `insert into outbox_entity_seq (entity_key, last_seq) values (?, 1)
       on conflict (entity_key) do update set last_seq = outbox_entity_seq.last_seq + 1
       returning last_seq`,
      [entityKey],
    );
    return Number(rows[0]?.last_seq);
  }
}
