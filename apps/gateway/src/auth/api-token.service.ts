import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ApiToken } from './api-token.entity';
import { displayPrefix, generateApiToken, hashApiToken, isWellFormedApiToken } from './api-token.format';
import type { Principal } from './principal';
import type { Role } from './role';

/** Refused: revoking it would leave nobody able to manage tokens. */
export class LastAdminTokenError extends Error {}

/** Issues, looks up and revokes API tokens. Every check reads the database: revocation is immediate. */
@Injectable()
export class ApiTokenService {
  private readonly log = new Logger(ApiTokenService.name);

  constructor(private readonly em: EntityManager) {}

  /** Returns the secret once, with the stored row; the secret is never kept. */
  async issue(name: string, role: Role, createdBy: string | null, em = this.em.fork()): Promise<{ token: ApiToken; secret: string }> {
    const secret = generateApiToken();
    const token = em.create(ApiToken, {
      id: uuidv7(),
      name,
      role,
      secretHash: hashApiToken(secret),
      tokenPrefix: displayPrefix(secret),
      createdAt: new Date(),
      createdBy,
    });
    await em.persistAndFlush(token);
    return { token, secret };
  }

  /** The principal a bearer secret stands for, or null (malformed, bad checksum, unknown, revoked). */
  async authenticate(secret: string): Promise<Principal | null> {
    if (!isWellFormedApiToken(secret)) return null;
    const em = this.em.fork();
    const token = await em.findOne(ApiToken, { secretHash: hashApiToken(secret), revokedAt: null });
    if (!token) return null;
    this.touch(token);
    return { tokenId: token.id, tokenName: token.name, role: token.role };
  }

  /** Revokes a token; the next request that presents it is refused. Null when there is no such token. */
  async revoke(id: string, revokedBy: string): Promise<ApiToken | null> {
    return this.em.fork().transactional(async (em) => {
      // Serialise revocations so two admins cannot revoke the last two admin tokens at once.
      await em.execute(`select pg_advisory_xact_lock(hashtext('gateway.api_token.revoke'))`);
      const token = await em.findOne(ApiToken, { id });
      if (!token) return null;
      if (token.revokedAt) return token;
      if (token.role === 'admin') {
        const admins = await em.count(ApiToken, { role: 'admin', revokedAt: null });
        if (admins <= 1) throw new LastAdminTokenError('This is the last active admin token; create another admin token first');
      }
      token.revokedAt = new Date();
      token.revokedBy = revokedBy;
      return token;
    });
  }

  /** Tokens oldest first, keyset-paged on (created_at, id). */
  async list(limit: number, after?: [string, string]): Promise<ApiToken[]> {
    const em = this.em.fork();
    const where = after
      ? { $or: [{ createdAt: { $gt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { $gt: after[1] } }] }
      : {};
    return em.find(ApiToken, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: limit + 1 });
  }

  /** Stores a token whose secret someone else generated (the bootstrap env variable), unless known. */
  async adopt(secret: string, name: string, role: Role): Promise<boolean> {
    const rows = await this.em.fork().execute<{ id: string }[]>(
      `insert into api_token (id, name, role, secret_hash, token_prefix, created_at)
       values (?, ?, ?, ?, ?, ?) on conflict (secret_hash) do nothing returning id`,
      [uuidv7(), name, role, hashApiToken(secret), displayPrefix(secret), new Date()],
    );
    return rows.length > 0;
  }

  /** Records use at most once a minute per token, off the request path. */
  private touch(token: ApiToken): void {
    if (token.lastUsedAt && Date.now() - token.lastUsedAt.getTime() < 60_000) return;
    this.em
      .fork()
      .execute(`update api_token set last_used_at = now() where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')`, [token.id])
      .catch((e: unknown) => this.log.warn(`could not record last use of token ${token.id}: ${(e as Error).message}`));
  }
}
