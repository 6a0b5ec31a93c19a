import { createOrmConfig } from '@seatkeeper/platform-persistence';
import type { MappingEnv } from './config/mapping.env';
import { SaasApp } from './directory/saas-app.entity';
import { migrations } from './migrations';
import { SCHEMA } from './schema';

export const ormConfig = (env: MappingEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: [SaasApp],
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
