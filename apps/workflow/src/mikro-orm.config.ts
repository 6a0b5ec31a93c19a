import { createOrmConfig } from '@seatkeeper/platform-persistence';
import type { WorkflowEnv } from './config/workflow.env';
import { WorkflowVersion } from './definitions/workflow-version.entity';
import { Workflow } from './definitions/workflow.entity';
import { migrations } from './migrations';
import { RestoreKit } from './runs/restore-kit.entity';
import { SCHEMA } from './schema';

export const ormConfig = (env: WorkflowEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: [Workflow, WorkflowVersion, RestoreKit],
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
