import { Module, type DynamicModule } from '@nestjs/common';
import { serviceModule } from '@seatkeeper/platform-service';
import type { ReportingEnv } from './config/reporting.env';
import { ormConfig } from './mikro-orm.config';

@Module({})
export class AppModule {
  static forRoot(env: ReportingEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'reporting',
      env,
      orm: ormConfig(env),
      streams: [],
      imports: [],
    });
  }
}
