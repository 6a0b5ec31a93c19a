import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { GatewayEnv } from '../config/gateway.env';
import { ormConfig } from '../mikro-orm.config';
import { displayPrefix, generateApiToken, hashApiToken, isWellFormedApiToken } from './api-token.format';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenService } from './api-token.service';

export const BOOTSTRAP_TOKEN_NAME = 'bootstrap-admin';

/** On boot, accepts GATEWAY_BOOTSTRAP_ADMIN_TOKEN as an admin token (stored as a hash, once). */
@Injectable()
export class BootstrapAdminToken implements OnApplicationBootstrap {
  constructor(
    private readonly tokens: ApiTokenService,
    private readonly env: GatewayEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const secret = this.env.GATEWAY_BOOTSTRAP_ADMIN_TOKEN;
    if (!secret) return;
    // The env class checks the shape; the checksum catches a mistyped secret before it is trusted.
    if (!isWellFormedApiToken(secret)) throw new Error('GATEWAY_BOOTSTRAP_ADMIN_TOKEN has a bad checksum: mistyped?');
    await this.tokens.adopt(secret, BOOTSTRAP_TOKEN_NAME, 'admin');
  }
}

export interface BootstrapResult {
  created: boolean;
  id?: string;
  name?: string;
  role?: 'admin';
  token?: string;
}

/**
 * Creates an admin token only when the gateway has no token at all (an empty database), and
 * returns its secret — the one time it exists outside the caller. Serialised by an advisory lock,
 * so two concurrent `npm start`s cannot both create one.
 */
export async function createFirstAdminToken(orm: MikroORM): Promise<BootstrapResult> {
  return orm.em.fork().transactional(async (em) => {
    await ApiTokenRepository.lockBootstrap(em);
    if ((await ApiTokenRepository.countAll(em)) > 0) return { created: false };
    const secret = generateApiToken();
    const id = uuidv7();
    // Inserted when `transactional` flushes, before it commits and releases the lock.
    ApiTokenRepository.create(em, {
      id,
      name: BOOTSTRAP_TOKEN_NAME,
      role: 'admin',
      secretHash: hashApiToken(secret),
      tokenPrefix: displayPrefix(secret),
      createdAt: new Date(),
    });
    return { created: true, id, name: BOOTSTRAP_TOKEN_NAME, role: 'admin' as const, token: secret };
  });
}

/**
 * `main.js bootstrap-token` (after `migrate`): prints one JSON line, `{"created":true,…,"token":"skp_…"}`
 * on an empty database, else `{"created":false}`. stdout only: the secret never reaches a log.
 */
export async function bootstrapTokenCommand(env: GatewayEnv): Promise<void> {
  const config = ormConfig(env);
  // Keep the pool's afterCreate (it sets search_path to the gateway schema); one connection is enough.
  const orm = await MikroORM.init({ ...config, pool: { ...config.pool, min: 0, max: 1 } });
  try {
    const result = await createFirstAdminToken(orm);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await orm.close(true);
  }
}
