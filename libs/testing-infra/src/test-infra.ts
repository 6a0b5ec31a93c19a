/**
 * Where tests find Postgres and NATS. jest's global setup (`globalSetup.ts`) decides once per
 * run: testcontainers when a Docker engine answers, else the services named by DATABASE_URL /
 * NATS_URL (defaults 127.0.0.1:5432 and :4222). It passes its choice to the workers in env.
 */
export interface TestInfra {
  mode: 'testcontainers' | 'local';
  /** A URL to an administrative database (used to create and drop test databases). */
  adminDatabaseUrl: string;
  natsUrl: string;
}

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export function testInfra(): TestInfra {
  return {
    mode: process.env['SK_TEST_INFRA_MODE'] === 'testcontainers' ? 'testcontainers' : 'local',
    adminDatabaseUrl: process.env['SK_TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
    natsUrl: process.env['SK_TEST_NATS_URL'] ?? process.env['NATS_URL'] ?? DEFAULT_NATS_URL,
  };
}

/** Replaces the database name in a Postgres URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
