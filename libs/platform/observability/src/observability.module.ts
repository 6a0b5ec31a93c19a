import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Correlation, CORRELATION_HEADER, REQUEST_ID_HEADER } from './correlation';
import { HealthRegistry } from './health';
import { loggerOptions } from './logger';
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
          pinoHttp: {
            ...loggerOptions(options.service, options.logLevel),
            // The request id doubles as the correlation id unless the caller sent one.
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const given = req.headers[REQUEST_ID_HEADER] ?? req.headers[CORRELATION_HEADER];
              const id = (Array.isArray(given) ? given[0] : given) || randomUUID();
              res.setHeader(REQUEST_ID_HEADER, id);
              return id;
            },
            customProps: (req: IncomingMessage) => ({ correlationId: (req as { id?: unknown }).id }),
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
          },
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
