import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENTS } from '@seatkeeper/contracts';
import { streamsFor } from '@seatkeeper/platform-messaging';
import { serviceModule } from '@seatkeeper/platform-service';
import type { IntegrationSyncEnv } from './config/integration-sync.env';
import { ormConfig } from './mikro-orm.config';

@Module({})
export class AppModule {
  static forRoot(env: IntegrationSyncEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'integration-sync',
      env,
      orm: ormConfig(env),
      streams: streamsFor(ALL_EVENTS, ['sync']),
      imports: [],
    });
  }
}
