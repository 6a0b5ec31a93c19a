import type { ServiceDefinition } from '@seatkeeper/platform-service';
import { AppModule } from './app.module';
import { WorkflowEnv } from './config/workflow.env';
import { ormConfig } from './mikro-orm.config';

/** How the workflow binary boots, migrates and is started by tests. */
export const workflowService: ServiceDefinition<WorkflowEnv> = {
  name: 'workflow',
  env: WorkflowEnv,
  orm: ormConfig,
  module: (env) => AppModule.forRoot(env),
};
