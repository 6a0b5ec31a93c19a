import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

/**
 * Idempotency records in `gateway.idempotency_key`, one per (token, key). A request first claims
 * the key (row without status); the first answer is then stored; replays read it back. The SQL
 * is in `idempotency.repository.ts`.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(IdempotencyStore.name);
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly em: EntityManager) {}

  async claim(tokenId: string, key: string, requestHash: string): Promise<Claim> {
    const em = this.em.fork();
    if (await IdempotencyRepository.claim(em, tokenId, key, requestHash)) return { kind: 'claimed' };
    const row = await IdempotencyRepository.find(em, tokenId, key);
    // Deleted between the two statements (the first attempt failed): claim again.
    if (!row) return this.claim(tokenId, key, requestHash);
    if (row.requestHash !== requestHash) return { kind: 'mismatch' };
    if (row.status === null) return { kind: 'in-progress' };
    return { kind: 'replay', status: row.status, body: row.responseBody };
  }

  async complete(tokenId: string, key: string, status: number, body: unknown): Promise<void> {
    await IdempotencyRepository.complete(this.em.fork(), tokenId, key, status, body);
  }

  /** The request failed: forget the key so the client can retry with it. */
  async release(tokenId: string, key: string): Promise<void> {
    await IdempotencyRepository.releaseClaim(this.em.fork(), tokenId, key);
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      IdempotencyRepository.deleteExpired(this.em.fork()).catch((e: unknown) => this.log.warn(`idempotency sweep failed: ${(e as Error).message}`));
    }, 10 * 60_000);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}
