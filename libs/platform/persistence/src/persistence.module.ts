import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import type { Options } from '@mikro-orm/postgresql';
import { Global, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@seatkeeper/platform-observability';

@Module({})
class PostgresHealthModule implements OnModuleInit {
  constructor(
    private readonly orm: MikroORM,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('postgres', async () => {
      // Infrastructure, not data access: a round trip on a pooled connection, no table involved.
      await this.orm.em.getConnection().execute('select 1');
      return { status: 'up' };
    });
  }
}

@Global()
@Module({})
export class PersistenceModule {
  /** MikroORM for the service's schema (closed by MikroOrmModule on shutdown) and its health check. */
  static forRoot(config: Options): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [MikroOrmModule.forRoot({ ...config, registerRequestContext: false }), PostgresHealthModule],
    };
  }
}
