import { Module, type DynamicModule } from '@nestjs/common';
import { systemPing, type EventDefinition } from '@seatkeeper/contracts';
import { Naming, NatsConnectionHolder, RpcClient } from '@seatkeeper/platform-messaging';
import type { ServiceDefinition } from '@seatkeeper/platform-service';
import { createTestDatabase, expectEventually, startServiceForTest, testInfra, workspaceRoot, type TestDatabase } from '@seatkeeper/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { AppModule } from '../../src/app.module';
import { ApiTokenService } from '../../src/auth/api-token.service';
import { ROLES, type Role } from '../../src/auth/role';
import type { GatewayEnv } from '../../src/config/gateway.env';
import { DirectoryModule } from '../../src/directory/directory.module';
import { MappingsModule } from '../../src/mappings/mappings.module';
import { gatewayService } from '../../src/service-definition';
import type { Answer, CallOptions, GatewayUnderTest } from './gateway-harness';

/**
 * The gateway with the mappings and directory routes added next to AppModule, until the lead
 * registers MappingsModule and DirectoryModule in app.module.ts (then `startGateway()` will do).
 */
@Module({})
class GatewayWithDirectoryModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return { module: GatewayWithDirectoryModule, imports: [AppModule.forRoot(env), MappingsModule, DirectoryModule] };
  }
}

const gatewayWithDirectory: ServiceDefinition<GatewayEnv> = {
  ...gatewayService,
  module: (env) => GatewayWithDirectoryModule.forRoot(env),
};

/** Like startGateway() (support/gateway-harness.ts), on the composed module, sharing a bus prefix when given. */
export async function startGatewayWithDirectoryRoutes(): Promise<GatewayUnderTest> {
  const service = await startServiceForTest(gatewayWithDirectory, { GATEWAY_RATE_LIMIT_PER_MINUTE: '1000000' });
  const baseUrl = service.publicUrl ?? '';
  const tokenService = service.running.app.get(ApiTokenService);
  const issue = async (role: Role, name = `test-${role}`) => {
    const { token, secret } = await tokenService.issue(name, role, null);
    return { id: token.id, secret };
  };
  const tokens = {} as Record<Role, { id: string; secret: string }>;
  for (const role of ROLES) tokens[role] = await issue(role);
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    const body = options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, contentType: res.headers.get('content-type') ?? '', body: parsed, text };
  };
  return { service, baseUrl, tokens, call, issue, stop: () => service.stop() };
}

const MAPPING_MAIN = 'apps/mapping/src/main.ts';

function runNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', ...args], {
    cwd: workspaceRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** The mapping service's migrate command, as deployments run it. */
function migrateMapping(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = runNode([MAPPING_MAIN, 'migrate'], { DATABASE_URL: url, NATS_URL: testInfra().natsUrl, LOG_LEVEL: 'silent' });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mapping migrate exited with ${code}\n${stderr}`))));
  });
}

/** Names the template database after the mapping migrations, so a new migration builds a new template. */
function mappingTemplateKey(): string {
  const names = readdirSync(join(workspaceRoot(), 'apps/mapping/src/migrations'))
    .filter((f) => /^Migration\d+\w*\.ts$/.test(f))
    .sort()
    .join(',');
  return `mapping-for-gateway-${createHash('sha256').update(names).digest('hex').slice(0, 16)}`;
}

export interface MappingProcess {
  db: TestDatabase;
  stop(): Promise<void>;
}

/**
 * A real mapping service, spawned as its own process (the gateway may not import another app) on
 * its own migrated database and the gateway's bus prefix; resolves once it answers its ping.
 */
export async function startMappingProcess(gateway: GatewayUnderTest): Promise<MappingProcess> {
  const db = await createTestDatabase({ key: mappingTemplateKey(), migrate: migrateMapping });
  const child = runNode([MAPPING_MAIN], {
    DATABASE_URL: db.url,
    NATS_URL: testInfra().natsUrl,
    NATS_SUBJECT_PREFIX: gateway.service.prefix,
    INTERNAL_PORT: '0',
    LOG_LEVEL: 'silent',
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await db.drop();
  };
  const rpc = gateway.service.running.app.get(RpcClient);
  try {
    await expectEventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`mapping exited with ${child.exitCode}\n${stderr}`);
        await expect(rpc.request(systemPing('mapping'), {}, { timeoutMs: 1000 })).resolves.toMatchObject({ service: 'mapping' });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { db, stop };
}

/** Publishes an event the way a producer's outbox relay does (envelope, Nats-Msg-Id = event id), under the gateway's prefix. */
export async function publishEvent(gateway: GatewayUnderTest, definition: EventDefinition, data: object): Promise<void> {
  const app = gateway.service.running.app;
  const id = uuidv7();
  const envelope = { id, type: definition.subject, occurredAt: new Date().toISOString(), source: 'integration-sync', correlationId: id, causationId: null, data };
  await app.get(NatsConnectionHolder).js.publish(app.get(Naming).subject(definition.subject), new TextEncoder().encode(JSON.stringify(envelope)), { msgID: id });
}
