import type { Options } from '@mikro-orm/postgresql';
import type { DynamicModule, ModuleMetadata } from '@nestjs/common';
import type { ServiceName } from '@seatkeeper/contracts';
import type { ServiceEnv } from '@seatkeeper/platform-config';
import { MessagingModule, type MessagingOptions } from '@seatkeeper/platform-messaging';
import { ObservabilityModule } from '@seatkeeper/platform-observability';
import { PersistenceModule } from '@seatkeeper/platform-persistence';
import { InternalHttpModule } from './internal-http.module';

export interface ServiceModuleOptions {
  name: ServiceName;
  env: ServiceEnv;
  orm: Options;
  /** The streams this service produces into (it creates or updates them at start). */
  streams?: MessagingOptions['streams'];
  messaging?: Partial<MessagingOptions>;
  imports?: ModuleMetadata['imports'];
  controllers?: ModuleMetadata['controllers'];
  providers?: ModuleMetadata['providers'];
}

/** The modules every service shares (logging, metrics, health, ORM, bus, internal HTTP), plus its features. */
export function serviceModule(host: new () => unknown, options: ServiceModuleOptions): DynamicModule {
  const { env } = options;
  return {
    module: host,
    imports: [
      ObservabilityModule.forRoot({ service: options.name, logLevel: env.LOG_LEVEL }),
      PersistenceModule.forRoot(options.orm),
      MessagingModule.forRoot({
        service: options.name,
        natsUrl: env.NATS_URL,
        natsUser: env.NATS_USER,
        natsPassword: env.NATS_PASSWORD,
        prefix: env.NATS_SUBJECT_PREFIX,
        requestTimeoutMs: env.NATS_REQUEST_TIMEOUT_MS,
        streams: options.streams ?? [],
        ...options.messaging,
        consumer: { concurrency: env.EVENT_CONSUMER_CONCURRENCY, ...options.messaging?.consumer },
      }),
      InternalHttpModule.forRoot(env.INTERNAL_PORT),
      ...(options.imports ?? []),
    ],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  };
}
