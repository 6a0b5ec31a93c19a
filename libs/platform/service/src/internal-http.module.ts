import { Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthRegistry, InternalHttpServer, MetricsRegistry } from '@seatkeeper/platform-observability';

const INTERNAL_PORT = Symbol('INTERNAL_PORT');

/** Serves /health and /metrics on the internal port from bootstrap until shutdown. */
@Module({})
export class InternalHttpModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly server: InternalHttpServer;
  boundPort = 0;

  constructor(
    health: HealthRegistry,
    metrics: MetricsRegistry,
    @Inject(INTERNAL_PORT) private readonly port: number,
  ) {
    this.server = new InternalHttpServer(health, metrics);
  }

  static forRoot(port: number): DynamicModule {
    return { module: InternalHttpModule, providers: [{ provide: INTERNAL_PORT, useValue: port }] };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.boundPort = await this.server.listen(this.port);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}
