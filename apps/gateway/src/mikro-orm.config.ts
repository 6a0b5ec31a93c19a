import { createOrmConfig } from '@seatkeeper/platform-persistence';
import { AuditEntry } from './audit/audit-entry.entity';
import { ApiToken } from './auth/api-token.entity';
import type { GatewayEnv } from './config/gateway.env';
import { migrations } from './migrations';
import { SCHEMA } from './schema';

export const ormConfig = (env: GatewayEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: [ApiToken, AuditEntry],
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
