import type { ServiceDefinition } from '@seatkeeper/platform-service';
import { AppModule } from './app.module';
import { ReportingEnv } from './config/reporting.env';
import { ormConfig } from './mikro-orm.config';
import { rebuildCommand } from './projections/rebuild.command';

/** How the reporting binary boots, migrates and is started by tests; `rebuild` replays the streams. */
export const reportingService: ServiceDefinition<ReportingEnv> = {
  name: 'reporting',
  env: ReportingEnv,
  orm: ormConfig,
  module: (env) => AppModule.forRoot(env),
  commands: { rebuild: rebuildCommand },
};
