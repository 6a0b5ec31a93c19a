import { ReflectMetadataProvider, type MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';

interface PgConnection {
  query(sql: string, cb: (err: Error | null) => void): void;
}

export interface ServiceOrmOptions {
  /** The service's own Postgres schema; it never reads another service's. */
  schema: string;
  databaseUrl: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: any[];
  /** Listed explicitly: the webpack bundle has no migration folder to scan. */
  migrations: MigrationObject[];
  poolMax?: number;
}

/** MikroORM options for one service schema: its own migrations table, UTC, no schema sync at boot. */
export function createOrmConfig(options: ServiceOrmOptions): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    schema: options.schema,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: false },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    pool: {
      min: 0,
      max: options.poolMax ?? 10,
      // Raw SQL (outbox, inbox, bulk upserts) names tables without a schema: resolve them in the service's own.
      afterCreate: (conn: PgConnection, done: (err: Error | null, conn: PgConnection) => void) => {
        conn.query(`set search_path to "${options.schema}", public`, (err) => done(err, conn));
      },
    },
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: options.migrations,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
      disableForeignKeys: false,
    },
  };
}
