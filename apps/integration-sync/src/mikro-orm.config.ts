import { createOrmConfig } from '@seatkeeper/platform-persistence';
import type { IntegrationSyncEnv } from './config/integration-sync.env';
import { migrations } from './migrations';

/** The integration-sync service owns this schema and no other. */
export const SCHEMA = 'sync';

export const ormConfig = (env: IntegrationSyncEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: [],
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
