import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { ApiToken } from './api-token.entity';
import { displayPrefix, generateApiToken, hashApiToken, isWellFormedApiToken } from './api-token.format';
import { ApiTokenRepository } from './api-token.repository';
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
    const token = ApiTokenRepository.create(em, {
      id: uuidv7(),
      name,
      role,
      secretHash: hashApiToken(secret),
      tokenPrefix: displayPrefix(secret),
      createdAt: new Date(),
      createdBy,
    });
    await em.flush();
    return { token, secret };
  }

  /** The principal a bearer secret stands for, or null (malformed, bad checksum, unknown, revoked). */
  async authenticate(secret: string): Promise<Principal | null> {
    if (!isWellFormedApiToken(secret)) return null;
    const token = await ApiTokenRepository.findActiveBySecretHash(this.em.fork(), hashApiToken(secret));
    if (!token) return null;
    this.touch(token);
    return { tokenId: token.id, tokenName: token.name, role: token.role };
  }

  /** Revokes a token; the next request that presents it is refused. Null when there is no such token. */
  async revoke(id: string, revokedBy: string): Promise<ApiToken | null> {
    return this.em.fork().transactional(async (em) => {
      // Serialise revocations so two admins cannot revoke the last two admin tokens at once.
      await ApiTokenRepository.lockRevocations(em);
      const token = await ApiTokenRepository.findById(em, id);
      if (!token) return null;
      if (token.revokedAt) return token;
      if (token.role === 'admin') {
        const admins = await ApiTokenRepository.countActiveAdmins(em);
        if (admins <= 1) throw new LastAdminTokenError('This is the last active admin token; create another admin token first');
      }
      token.revokedAt = new Date();
      token.revokedBy = revokedBy;
      return token;
    });
  }

  /** Tokens oldest first, keyset-paged on (created_at, id). */
  async list(limit: number, after?: [string, string]): Promise<ApiToken[]> {
    return ApiTokenRepository.listPage(this.em.fork(), limit, after);
  }

  /** Stores a token whose secret someone else generated (the bootstrap env variable), unless known. */
  async adopt(secret: string, name: string, role: Role): Promise<boolean> {
    return ApiTokenRepository.insertUnlessSecretKnown(this.em.fork(), {
      id: uuidv7(),
      name,
      role,
      secretHash: hashApiToken(secret),
      tokenPrefix: displayPrefix(secret),
      createdAt: new Date(),
    });
  }

  /** Records use at most once a minute per token, off the request path. */
  private touch(token: ApiToken): void {
    if (token.lastUsedAt && Date.now() - token.lastUsedAt.getTime() < 60_000) return;
    ApiTokenRepository.touch(this.em.fork(), token.id).catch((e: unknown) => this.log.warn(`could not record last use of token ${token.id}: ${(e as Error).message}`));
  }
}
