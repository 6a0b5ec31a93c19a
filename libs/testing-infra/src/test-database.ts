import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testInfra, withDatabase } from './test-infra';

export interface TemplateSpec {
  /** Names the template; change it (e.g. a hash of the migration names) and a new one is built. */
  key: string;
  /** Brings an empty database at `url` to the migrated state. */
  migrate: (url: string) => Promise<void>;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file, cloned from a migrated template (`CREATE DATABASE …
 * TEMPLATE …`): migrations run once per template key, not once per file. Template building and
 * cloning are serialised by an advisory lock, so parallel jest workers do not trip on each other.
 */
/** The database name of the template for a key. */
export function templateNameOf(key: string): string {
  return `sk_tpl_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export async function createTestDatabase(template: TemplateSpec): Promise<TestDatabase> {
  const admin = new Client({ connectionString: testInfra().adminDatabaseUrl });
  await admin.connect();
  const templateName = templateNameOf(template.key);
  const name = `sk_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  try {
    await admin.query('select pg_advisory_lock(727274)');
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [templateName]);
      if (exists.rowCount === 0) {
        const building = `${templateName}_building`;
        await admin.query(`drop database if exists "${building}" with (force)`);
        await admin.query(`create database "${building}"`);
        await template.migrate(withDatabase(testInfra().adminDatabaseUrl, building));
        await admin.query(`alter database "${building}" rename to "${templateName}"`);
      }
      await admin.query(`create database "${name}" template "${templateName}"`);
    } finally {
      await admin.query('select pg_advisory_unlock(727274)');
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(testInfra().adminDatabaseUrl, name);
  return {
    url,
    name,
    drop: async () => {
      if (process.env['KEEP_TEST_DB'] === 'true') return;
      const c = new Client({ connectionString: testInfra().adminDatabaseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
