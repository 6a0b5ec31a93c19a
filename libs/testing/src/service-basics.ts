import type { ServiceEnv } from '@seatkeeper/platform-config';
import { RpcClient } from '@seatkeeper/platform-messaging';
import type { ServiceDefinition } from '@seatkeeper/platform-service';
import { systemPing, type ServiceName } from '@seatkeeper/contracts';
import { spawnSync } from 'node:child_process';
import { loadEnv } from '@seatkeeper/platform-config';
import { readComposeServices, workspaceRoot } from '@seatkeeper/testing-infra';
import { startServiceForTest, type ServiceUnderTest } from './service-harness';

/**
 * What every Seatkeeper service must do, as tests: health with Postgres and NATS checks,
 * Prometheus metrics, answering on the bus, and refusing to boot with a bad environment.
 */
export function describeServiceBasics<E extends ServiceEnv>(definition: ServiceDefinition<E>, mainPath: string): void {
  describe(`${definition.name} service basics`, () => {
    let svc: ServiceUnderTest<E>;

    beforeAll(async () => {
      svc = await startServiceForTest(definition);
    });
    afterAll(async () => {
      await svc?.stop();
    });

    it('reports health with its Postgres and NATS checks', async () => {
      const res = await fetch(`${svc.internalUrl}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: 'ok',
        checks: { postgres: { status: 'up' }, nats: { status: 'up' } },
      });
    });

    it('serves Prometheus metrics labelled with the service', async () => {
      const res = await fetch(`${svc.internalUrl}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`process_cpu_user_seconds_total{service="${definition.name}"}`);
    });

    it('answers system.ping on the bus', async () => {
      const rpc = svc.running.app.get(RpcClient);
      await expect(rpc.request(systemPing(definition.name as ServiceName), { echo: 'x' })).resolves.toMatchObject({
        service: definition.name,
        echo: 'x',
      });
    });

    it('has applied its migrations into its own schema', async () => {
      const { Client } = await import('pg');
      const c = new Client({ connectionString: svc.db.url });
      await c.connect();
      try {
        const schema = definition.orm(svc.env).schema as string;
        const rows = await c.query(
          `select table_name from information_schema.tables where table_schema = $1 order by table_name`,
          [schema],
        );
        expect(rows.rows.map((r: { table_name: string }) => r.table_name)).toEqual(
          expect.arrayContaining(['dead_letter', 'inbox', 'mikro_orm_migrations', 'outbox']),
        );
        // The messaging tables' later changes are its migrations too (MESSAGING_TABLES_CHANGES).
        const envelope = await c.query(
          `select data_type from information_schema.columns where table_schema = $1 and table_name = 'outbox' and column_name = 'envelope'`,
          [schema],
        );
        expect(envelope.rows).toEqual([{ data_type: 'text' }]);
      } finally {
        await c.end();
      }
    });

    it('is in docker-compose.yml with a build, a health check, an env it accepts, and its migrations as a one-shot job', () => {
      const services = readComposeServices(workspaceRoot());
      const service = services[definition.name];
      const migrate = services[`${definition.name}-migrate`];
      expect(service?.build ?? service?.image).toBeDefined();
      expect(service?.healthcheck?.test).toBeDefined();
      const env = service?.environment ?? {};
      // Inside a container 127.0.0.1 is the container itself: the stack's hosts must be named.
      expect(env['DATABASE_URL']).toMatch(/@postgres:5432\//);
      expect(env['NATS_URL']).toBe('nats://nats:4222');
      expect(() => loadEnv(definition.env, env)).not.toThrow();
      expect(migrate?.command).toEqual(['migrate']);
      expect(service?.depends_on?.[`${definition.name}-migrate`]).toEqual({ condition: 'service_completed_successfully' });
      for (const infra of ['postgres', 'nats']) {
        expect(service?.depends_on?.[infra]).toEqual({ condition: 'service_healthy' });
        expect(services[infra]?.healthcheck?.test).toBeDefined();
      }
    });

    it('exits non-zero at boot with a message naming a bad variable', () => {
      const result = spawnSync(process.execPath, ['-r', '@swc-node/register', mainPath], {
        cwd: workspaceRoot(),
        env: { ...process.env, NATS_URL: 'http://not-nats', DATABASE_POOL_MAX: 'lots' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('NATS_URL');
      expect(result.stderr).toContain('DATABASE_POOL_MAX');
    });
  });
}
