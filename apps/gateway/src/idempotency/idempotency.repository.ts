import type { EntityManager } from '@mikro-orm/postgresql';

export const IDEMPOTENCY_TTL_HOURS = 24;

/** What a replay needs of an existing record; `status` is null while the first request runs. */
export interface IdempotencyRecord {
  requestHash: string;
  status: number | null;
  responseBody: unknown;
}

/**
 * `gateway.idempotency_key`, one row per (token, key). Raw SQL rather than an entity: the claim is
 * one atomic INSERT … ON CONFLICT that also takes over a row older than the TTL, and every age
 * is measured by the database's clock (`now()`), never the gateway's.
 */
export const IdempotencyRepository = {
  /** Inserts the claim, or takes over an expired record; false when a live record holds the key. */
  async claim(em: EntityManager, tokenId: string, key: string, requestHash: string): Promise<boolean> {
    const claimed = await em.execute<unknown[]>(
      `insert into idempotency_key (token_id, key, request_hash, created_at) values (?, ?, ?, now())
       on conflict (token_id, key) do update
         set request_hash = excluded.request_hash, created_at = now(), status = null, response_body = null, completed_at = null
         where idempotency_key.created_at < now() - interval '${IDEMPOTENCY_TTL_HOURS} hours'
       returning 1`,
      [tokenId, key, requestHash],
    );
    return claimed.length > 0;
  },

  async find(em: EntityManager, tokenId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const [row] = await em.execute<{ request_hash: string; status: number | null; response_body: unknown }[]>(
      `select request_hash, status, response_body from idempotency_key where token_id = ? and key = ?`,
      [tokenId, key],
    );
    return row && { requestHash: row.request_hash, status: row.status, responseBody: row.response_body };
  },

  /** Stores the first answer (its body as JSON). */
  async complete(em: EntityManager, tokenId: string, key: string, status: number, body: unknown): Promise<void> {
    await em.execute(
      `update idempotency_key set status = ?, response_body = ?::jsonb, completed_at = now() where token_id = ? and key = ?`,
      [status, JSON.stringify(body ?? null), tokenId, key],
    );
  },

  /** Deletes a claim that never got an answer. */
  async releaseClaim(em: EntityManager, tokenId: string, key: string): Promise<void> {
    await em.execute(`delete from idempotency_key where token_id = ? and key = ? and status is null`, [tokenId, key]);
  },

  async deleteExpired(em: EntityManager): Promise<void> {
    await em.execute(`delete from idempotency_key where created_at < now() - interval '${IDEMPOTENCY_TTL_HOURS} hours'`);
  },
};
