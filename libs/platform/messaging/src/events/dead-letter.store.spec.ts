import type { EntityManager } from '@mikro-orm/postgresql';
import { DeadLetterStore } from './dead-letter.store';

/** An EntityManager that records the statements it is given. */
function recordingEm(rows: unknown[] = []): { em: EntityManager; calls: { sql: string; params: unknown[] }[] } {
  const calls: { sql: string; params: unknown[] }[] = [];
  const em = {
    execute: async (sql: string, params: unknown[] = []) => {
      calls.push({ sql, params });
      return rows;
    },
  } as unknown as EntityManager;
  return { em, calls };
}

describe(DeadLetterStore.name, () => {
  it('bounds reason, error and payload before they reach the table', async () => {
    const { em, calls } = recordingEm();
    await new DeadLetterStore().record(em, {
      consumer: 'c',
      eventId: null,
      subject: 's',
      streamSeq: 7,
      deliveries: 5,
      reason: 'r'.repeat(5000),
      error: 'e'.repeat(5000),
      payload: 'p'.repeat(1_000_001),
    });
    expect(calls).toHaveLength(1);
    const [consumer, eventId, subject, streamSeq, deliveries, reason, error, payload] = calls[0].params as [string, null, string, number, number, string, string, string];
    expect([consumer, eventId, subject, streamSeq, deliveries]).toEqual(['c', null, 's', 7, 5]);
    expect([reason.length, error.length, payload.length]).toEqual([4000, 4000, 1_000_000]);
  });

  it('lists rows typed from the table (bigints as numbers, the id as text)', async () => {
    const createdAt = new Date('2026-12-01T00:00:00Z');
    const { em, calls } = recordingEm([
      { id: '12', consumer: 'c', event_id: null, subject: 's', stream_seq: '9', deliveries: 3, reason: 'r', error: null, payload: '{}', created_at: createdAt },
    ]);
    const rows = await new DeadLetterStore().list(em, { consumer: 'c' });
    expect(calls[0].params).toEqual(['c', 'c', 100]);
    expect(rows).toEqual([
      { id: '12', consumer: 'c', eventId: null, subject: 's', streamSeq: 9, deliveries: 3, reason: 'r', error: null, payload: '{}', createdAt },
    ]);
  });
});
