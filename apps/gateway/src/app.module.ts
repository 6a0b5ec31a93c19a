import { Module, type DynamicModule } from '@nestjs/common';
import { serviceModule } from '@seatkeeper/platform-service';
import type { GatewayEnv } from './config/gateway.env';
import { ormConfig } from './mikro-orm.config';
import { SystemStatusController } from './system/system-status.controller';
import { SystemStatusService } from './system/system-status.service';

@Module({})
export class AppModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'gateway',
      env,
      orm: ormConfig(env),
      streams: [],
      controllers: [SystemStatusController],
      providers: [SystemStatusService],
    });
  }
}
