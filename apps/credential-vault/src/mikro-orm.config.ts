import { createOrmConfig } from '@seatkeeper/platform-persistence';
import type { CredentialVaultEnv } from './config/credential-vault.env';
import { migrations } from './migrations';
import { SCHEMA } from './schema';

export const ormConfig = (env: CredentialVaultEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: [],
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
