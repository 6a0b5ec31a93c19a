import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@seatkeeper/platform-persistence';

export interface MasterKeyRow {
  version: string;
  state: 'active' | 'available' | 'retired';
  check_value: string;
  activated_at: Date | null;
  retired_at: Date | null;
}

// Any fixed number: the key ring lock. Writers of secrets take it shared, rotation exclusive.
const KEY_RING_LOCK = 7_305_001;

/** SQL over `master_key`: which versions exist, which is active, their check values. */
export const MasterKeyRepository = {
  /** Blocks rotation until the transaction ends (sealing or reading under the active version). */
  async lockShared(em: EntityManager): Promise<void> {
    await em.execute('select pg_advisory_xact_lock_shared(?)', [KEY_RING_LOCK]);
  },

  async lockExclusive(em: EntityManager): Promise<void> {
    await em.execute('select pg_advisory_xact_lock(?)', [KEY_RING_LOCK]);
  },

  async all(em: EntityManager): Promise<MasterKeyRow[]> {
    return em.execute<MasterKeyRow[]>('select version, state, check_value, activated_at, retired_at from master_key');
  },

  async insert(em: EntityManager, version: string, checkValue: string): Promise<void> {
    await em.execute(
      `insert into master_key (version, state, check_value) values (?, 'available', ?) on conflict (version) do nothing`,
      [version, checkValue],
    );
  },

  async activate(em: EntityManager, version: string): Promise<void> {
    await em.execute(`update master_key set state = 'active', activated_at = now() where version = ?`, [version]);
  },

  async retire(em: EntityManager, versions: readonly string[]): Promise<void> {
    if (!versions.length) return;
    // One array bind parameter (a text[]), in the EntityManager's transaction.
    await executeBound(em, `update master_key set state = 'retired', retired_at = now() where version = any(?::text[])`, [versions]);
  },

  async wrappedCounts(em: EntityManager): Promise<Map<string, number>> {
    const rows = await em.execute<{ master_key_version: string; n: string }[]>(
      'select master_key_version, count(*) as n from credential_secret group by master_key_version',
    );
    return new Map(rows.map((r) => [r.master_key_version, Number(r.n)]));
  },
};
