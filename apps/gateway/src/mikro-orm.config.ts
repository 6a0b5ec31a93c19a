import { createOrmConfig } from '@seatkeeper/platform-persistence';
import { AuditEntry } from './audit/audit-entry.entity';
import { ApiToken } from './auth/api-token.entity';
import type { GatewayEnv } from './config/gateway.env';
import { migrations } from './migrations';

/** The gateway service owns this schema and no other. */
export const SCHEMA = 'gateway';

export const ormConfig = (env: GatewayEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: [ApiToken, AuditEntry],
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
