import type { ServiceDefinition } from '@seatkeeper/platform-service';
import { AppModule } from './app.module';
import { MappingEnv } from './config/mapping.env';
import { ormConfig } from './mikro-orm.config';

/** How the mapping binary boots, migrates and is started by tests. */
export const mappingService: ServiceDefinition<MappingEnv> = {
  name: 'mapping',
  env: MappingEnv,
  orm: ormConfig,
  module: (env) => AppModule.forRoot(env),
};
