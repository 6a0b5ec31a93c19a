import { createOrmConfig } from '@seatkeeper/platform-persistence';
import type { ReportingEnv } from './config/reporting.env';
import { migrations } from './migrations';

/** The reporting service owns this schema and no other. */
export const SCHEMA = 'reporting';

export const ormConfig = (env: ReportingEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: [],
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
