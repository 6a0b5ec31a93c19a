import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiToken } from './api-token.entity';
import type { Role } from './role';

/** The columns of a new token; the rest (last use, revocation) start empty. */
export interface NewApiToken {
  id: string;
  name: string;
  role: Role;
  secretHash: string;
  tokenPrefix: string;
  createdAt: Date;
  createdBy?: string | null;
}

/** Keyset position in the token list: (created_at, id). */
export type ApiTokenCursor = [createdAt: string, id: string];

/**
 * `gateway.api_token` through the `ApiToken` entity. The only SQL text left is the two advisory
 * locks (serialising bootstrap and revocation) and the database-clock comparisons of `touch`.
 */
export const ApiTokenRepository = {
  /** Serialises concurrent first-token bootstraps until the transaction ends. */
  async lockBootstrap(em: EntityManager): Promise<void> {
    await em.execute(`select pg_advisory_xact_lock(hashtext('gateway.api_token.bootstrap'))`);
  },

  /** Serialises revocations until the transaction ends (two admins cannot revoke the last two admin tokens). */
  async lockRevocations(em: EntityManager): Promise<void> {
    await em.execute(`select pg_advisory_xact_lock(hashtext('gateway.api_token.revoke'))`);
  },

  async countAll(em: EntityManager): Promise<number> {
    return em.count(ApiToken, {});
  },

  async countActiveAdmins(em: EntityManager): Promise<number> {
    return em.count(ApiToken, { role: 'admin', revokedAt: null });
  },

  async findById(em: EntityManager, id: string): Promise<ApiToken | null> {
    return em.findOne(ApiToken, { id });
  },

  async findActiveBySecretHash(em: EntityManager, secretHash: string): Promise<ApiToken | null> {
    return em.findOne(ApiToken, { secretHash, revokedAt: null });
  },

  /** Oldest first; one row more than `limit`, so the caller knows whether there is a next page. */
  async listPage(em: EntityManager, limit: number, after?: ApiTokenCursor): Promise<ApiToken[]> {
    const where = after
      ? { $or: [{ createdAt: { $gt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { $gt: after[1] } }] }
      : {};
    return em.find(ApiToken, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: limit + 1 });
  },

  /** Persists a new token (written at the next flush; `transactional` flushes on commit). */
  create(em: EntityManager, token: NewApiToken): ApiToken {
    return em.create(ApiToken, token, { persist: true });
  },

  /** Inserts the token unless one with the same secret exists; true when it inserted. */
  async insertUnlessSecretKnown(em: EntityManager, token: NewApiToken): Promise<boolean> {
    const result = await em.createQueryBuilder(ApiToken).insert(token).onConflict('secretHash').ignore().execute('run');
    return result.affectedRows > 0;
  },

  /** Records a use, unless one was recorded in the last minute (by the database's clock). */
  async touch(em: EntityManager, id: string): Promise<void> {
    await em.nativeUpdate(
      ApiToken,
      { id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: raw(`now() - interval '1 minute'`) } }] },
      { lastUsedAt: raw('now()') },
    );
  },
};
