import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Correlation } from './correlation';
import { HealthRegistry } from './health';
import { httpLoggerOptions } from './http-logger';
import { MetricsRegistry } from './metrics';

export interface ObservabilityOptions {
  service: string;
  logLevel: string;
}

export const SERVICE_NAME = Symbol('SERVICE_NAME');

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: httpLoggerOptions(options.service, options.logLevel),
          forRoutes: ['*path'],
        }),
      ],
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: MetricsRegistry, useValue: new MetricsRegistry(options.service) },
        { provide: HealthRegistry, useValue: new HealthRegistry() },
      ],
      exports: [SERVICE_NAME, MetricsRegistry, HealthRegistry],
    };
  }
}

/** Express middleware: run the rest of the request inside a correlation scope. */
export function correlationMiddleware(
  req: IncomingMessage & { id?: unknown },
  _res: ServerResponse,
  next: () => void,
): void {
  const id = typeof req.id === 'string' ? req.id : undefined;
  Correlation.run({ correlationId: id, causationId: id ?? null }, next);
}
