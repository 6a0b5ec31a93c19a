import { createOrmConfig } from '@seatkeeper/platform-persistence';
import type { MappingEnv } from './config/mapping.env';
import { migrations } from './migrations';

/** The mapping service owns this schema and no other. */
export const SCHEMA = 'mapping';

export const ormConfig = (env: MappingEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: [],
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
