import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENTS } from '@seatkeeper/contracts';
import { streamsFor } from '@seatkeeper/platform-messaging';
import { serviceModule } from '@seatkeeper/platform-service';
import type { MappingEnv } from './config/mapping.env';
import { ormConfig } from './mikro-orm.config';

@Module({})
export class AppModule {
  static forRoot(env: MappingEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'mapping',
      env,
      orm: ormConfig(env),
      streams: streamsFor(ALL_EVENTS, ['directory']),
      imports: [],
    });
  }
}
