import { createOrmConfig } from '@seatkeeper/platform-persistence';
import type { IntegrationSyncEnv } from './config/integration-sync.env';
import { migrations } from './migrations';
import { SCHEMA } from './schema';

export const ormConfig = (env: IntegrationSyncEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: [],
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
