import type { ServiceDefinition } from '@seatkeeper/platform-service';
import { AppModule } from './app.module';
import { IntegrationSyncEnv } from './config/integration-sync.env';
import { ormConfig } from './mikro-orm.config';

/** How the integration-sync binary boots, migrates and is started by tests. */
export const integrationSyncService: ServiceDefinition<IntegrationSyncEnv> = {
  name: 'integration-sync',
  env: IntegrationSyncEnv,
  orm: ormConfig,
  module: (env) => AppModule.forRoot(env),
};
