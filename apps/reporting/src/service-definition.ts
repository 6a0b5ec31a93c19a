import type { ServiceDefinition } from '@seatkeeper/platform-service';
import { AppModule } from './app.module';
import { ReportingEnv } from './config/reporting.env';
import { ormConfig } from './mikro-orm.config';

/** How the reporting binary boots, migrates and is started by tests. */
export const reportingService: ServiceDefinition<ReportingEnv> = {
  name: 'reporting',
  env: ReportingEnv,
  orm: ormConfig,
  module: (env) => AppModule.forRoot(env),
};
