import { createOrmConfig } from '@seatkeeper/platform-persistence';
import type { ReportingEnv } from './config/reporting.env';
import { migrations } from './migrations';
import { SCHEMA } from './schema';

export const ormConfig = (env: ReportingEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: [],
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
