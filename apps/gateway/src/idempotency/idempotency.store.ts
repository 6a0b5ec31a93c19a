import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';

export const IDEMPOTENCY_TTL_HOURS = 24;

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

/**
 * Idempotency records in `gateway.idempotency_key`, one per (token, key). A request first claims
 * the key (row without status); the first answer is then stored; replays read it back. Raw SQL:
 * the claim is one atomic INSERT … ON CONFLICT that also takes over a row older than 24 h.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(IdempotencyStore.name);
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly em: EntityManager) {}

  async claim(tokenId: string, key: string, requestHash: string): Promise<Claim> {
    const em = this.em.fork();
    const claimed = await em.execute<unknown[]>(
      `insert into idempotency_key (token_id, key, request_hash, created_at) values (?, ?, ?, now())
       on conflict (token_id, key) do update
         set request_hash = excluded.request_hash, created_at = now(), status = null, response_body = null, completed_at = null
         where idempotency_key.created_at < now() - interval '${IDEMPOTENCY_TTL_HOURS} hours'
       returning 1`,
      [tokenId, key, requestHash],
    );
    if (claimed.length > 0) return { kind: 'claimed' };
    const [row] = await em.execute<{ request_hash: string; status: number | null; response_body: unknown }[]>(
      `select request_hash, status, response_body from idempotency_key where token_id = ? and key = ?`,
      [tokenId, key],
    );
    // Deleted between the two statements (the first attempt failed): claim again.
    if (!row) return this.claim(tokenId, key, requestHash);
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.status === null) return { kind: 'in-progress' };
    return { kind: 'replay', status: row.status, body: row.response_body };
  }

  async complete(tokenId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.em.fork().execute(
      `update idempotency_key set status = ?, response_body = ?::jsonb, completed_at = now() where token_id = ? and key = ?`,
      [status, JSON.stringify(body ?? null), tokenId, key],
    );
  }

  /** The request failed: forget the key so the client can retry with it. */
  async release(tokenId: string, key: string): Promise<void> {
    await this.em.fork().execute(`delete from idempotency_key where token_id = ? and key = ? and status is null`, [tokenId, key]);
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      this.em
        .fork()
        .execute(`delete from idempotency_key where created_at < now() - interval '${IDEMPOTENCY_TTL_HOURS} hours'`)
        .catch((e: unknown) => this.log.warn(`idempotency sweep failed: ${(e as Error).message}`));
    }, 10 * 60_000);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}
