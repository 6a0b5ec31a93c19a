import { MikroORM } from '@mikro-orm/postgresql';
import type { Options } from '@mikro-orm/postgresql';

/**
 * Applies a service's pending migrations: an explicit step (`main.js migrate`, an init
 * container, `npm start`), never part of booting the service.
 */
export async function runMigrations(config: Options): Promise<string[]> {
  const orm = await MikroORM.init({ ...config, pool: { min: 0, max: 2 } });
  try {
    // DDL before any migration can run (the migrations table lives in this schema): infrastructure, not a repository's job.
    await orm.em.getConnection().execute(`create schema if not exists "${config.schema}"`);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
