import type { EntityManager } from '@mikro-orm/postgresql';
import { findDeadLetters, insertDeadLetter, type DeadLetterEntry, type DeadLetterFilter, type DeadLetterRow } from './dead-letter.repository';

export type { DeadLetterEntry, DeadLetterFilter, DeadLetterRow } from './dead-letter.repository';

/** Messages that will not be retried, with why; queryable by consumer, newest first. */
export class DeadLetterStore {
  async record(em: EntityManager, entry: DeadLetterEntry): Promise<void> {
    // Bounded: a poison message must not make its own dead letter fail to insert.
    await insertDeadLetter(em, {
      ...entry,
      reason: entry.reason.slice(0, 4000),
      error: entry.error?.slice(0, 4000) ?? null,
      payload: entry.payload.slice(0, 1_000_000),
    });
  }

  async list(em: EntityManager, filter: DeadLetterFilter = {}): Promise<DeadLetterRow[]> {
    return findDeadLetters(em, filter);
  }
}
