// Once per jest run: find Postgres and NATS for the tests. Testcontainers when a Docker engine
// answers (and TESTCONTAINERS is not "off"), else DATABASE_URL / NATS_URL or the local defaults.
// The choice reaches the workers through env (they are started after this runs).
const NO_RUNTIME = 'Could not find a working container runtime strategy';

module.exports = async function globalSetup() {
  if (process.env.SK_TEST_INFRA_MODE) return;
  const containers = process.env.TESTCONTAINERS === 'off' ? null : await tryContainers();
  if (containers) {
    globalThis.__skContainers = containers.started;
    process.env.SK_TEST_INFRA_MODE = 'testcontainers';
    process.env.SK_TEST_DATABASE_URL = containers.databaseUrl;
    process.env.SK_TEST_NATS_URL = containers.natsUrl;
    return;
  }
  process.env.SK_TEST_INFRA_MODE = 'local';
  process.env.SK_TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  process.env.SK_TEST_NATS_URL ??= process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
};

async function tryContainers() {
  const { getContainerRuntimeClient } = require('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch (e) {
    if (String(e && e.message).includes(NO_RUNTIME)) return null;
    throw e;
  }
  const { PostgreSqlContainer } = require('@testcontainers/postgresql');
  const { NatsContainer } = require('@testcontainers/nats');
  const [pg, nats] = await Promise.all([
    new PostgreSqlContainer('postgres:15-alpine').start(),
    new NatsContainer('nats:2.10').withJetStream().start(),
  ]);
  return {
    started: [pg, nats],
    databaseUrl: pg.getConnectionUri(),
    natsUrl: `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`,
  };
}
