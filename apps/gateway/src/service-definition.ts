import type { ServiceDefinition } from '@seatkeeper/platform-service';
import { AppModule } from './app.module';
import { bootstrapTokenCommand } from './auth/bootstrap-token';
import { GatewayEnv } from './config/gateway.env';
import { configureGatewayHttp } from './gateway.http';
import { ormConfig } from './mikro-orm.config';

/** How the gateway binary boots, migrates, creates the first admin token and is started by tests. */
export const gatewayService: ServiceDefinition<GatewayEnv> = {
  name: 'gateway',
  env: GatewayEnv,
  orm: ormConfig,
  module: (env) => AppModule.forRoot(env),
  publicHttp: configureGatewayHttp,
  commands: { 'bootstrap-token': bootstrapTokenCommand },
};
