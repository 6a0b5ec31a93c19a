import { loadEnv, type ServiceEnv } from '@seatkeeper/platform-config';
import { runMigrations } from '@seatkeeper/platform-persistence';
import { startService, type RunningService, type ServiceDefinition } from '@seatkeeper/platform-service';
import {
  createTestDatabase,
  deleteStreamsWithPrefix,
  testInfra,
  uniqueNatsPrefix,
  type TestDatabase,
} from '@seatkeeper/testing-infra';

export interface ServiceUnderTest<E extends ServiceEnv> {
  running: RunningService;
  env: E;
  db: TestDatabase;
  prefix: string;
  internalUrl: string;
  publicUrl?: string;
  stop(): Promise<void>;
}

/** The template key changes whenever a service's migration list does, so templates never go stale. */
export function migrationTemplate<E extends ServiceEnv>(definition: ServiceDefinition<E>) {
  const probe = definition.orm(loadEnv(definition.env, {}));
  const names = (probe.migrations?.migrationsList ?? []).map((m) => m.name).join(',');
  return {
    key: `${definition.name}:${names}`,
    migrate: async (url: string) => {
      await runMigrations(definition.orm(loadEnv(definition.env, { DATABASE_URL: url })));
    },
  };
}

/**
 * Boots one service in-process against a fresh, migrated database and an isolated NATS prefix,
 * with random internal (and public) ports.
 */
export async function startServiceForTest<E extends ServiceEnv>(
  definition: ServiceDefinition<E>,
  overrides: Record<string, string> = {},
  shared?: { db?: TestDatabase; prefix?: string },
): Promise<ServiceUnderTest<E>> {
  const db = shared?.db ?? (await createTestDatabase(migrationTemplate(definition)));
  const prefix = shared?.prefix ?? uniqueNatsPrefix();
  const env = loadEnv(definition.env, {
    DATABASE_URL: db.url,
    NATS_URL: testInfra().natsUrl,
    NATS_SUBJECT_PREFIX: prefix,
    INTERNAL_PORT: '0',
    HTTP_PORT: '0',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'silent',
    ...overrides,
  });
  const running = await startService(definition, env, { shutdownHooks: false });
  return {
    running,
    env,
    db,
    prefix,
    internalUrl: `http://127.0.0.1:${running.internalPort}`,
    publicUrl: running.publicPort ? `http://127.0.0.1:${running.publicPort}` : undefined,
    stop: async () => {
      await running.close();
      if (!shared?.prefix) await deleteStreamsWithPrefix(testInfra().natsUrl, prefix);
      if (!shared?.db) await db.drop();
    },
  };
}
