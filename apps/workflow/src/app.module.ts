import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENTS } from '@seatkeeper/contracts';
import { streamsFor } from '@seatkeeper/platform-messaging';
import { serviceModule } from '@seatkeeper/platform-service';
import type { WorkflowEnv } from './config/workflow.env';
import { ormConfig } from './mikro-orm.config';

@Module({})
export class AppModule {
  static forRoot(env: WorkflowEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'workflow',
      env,
      orm: ormConfig(env),
      streams: streamsFor(ALL_EVENTS, ['workflow']),
      imports: [],
    });
  }
}
