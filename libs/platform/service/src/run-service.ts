import type { Options } from '@mikro-orm/postgresql';
import type { DynamicModule, INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describeEnv, EnvValidationError, loadEnv, type ServiceEnv } from '@seatkeeper/platform-config';
import { createLogger } from '@seatkeeper/platform-observability';
import { runMigrations } from '@seatkeeper/platform-persistence';
import { Logger } from 'nestjs-pino';
import { InternalHttpModule } from './internal-http.module';

export interface ServiceDefinition<E extends ServiceEnv> {
  name: string;
  env: new () => E;
  orm: (env: E) => Options;
  module: (env: E) => DynamicModule;
  /** Only the gateway serves public HTTP: it sets this up and returns the port to listen on. */
  publicHttp?: (app: INestApplication, env: E) => Promise<number>;
  /** Extra one-shot sub-commands (`node main.js <name>`), run instead of booting, e.g. the gateway's `bootstrap-token`. */
  commands?: Record<string, (env: E) => Promise<void>>;
}

export interface RunningService {
  app: INestApplicationContext;
  internalPort: number;
  publicPort?: number;
  close(): Promise<void>;
}

/**
 * The one entry point of every service binary:
 *   `node main.js`          boots the service;
 *   `node main.js migrate`  applies its migrations and exits (never done on boot).
 * A bad environment exits 1 with a message naming the variable.
 */
export async function main<E extends ServiceEnv>(definition: ServiceDefinition<E>, argv = process.argv.slice(2)): Promise<void> {
  let env: E;
  try {
    env = loadEnv(definition.env);
  } catch (e) {
    if (e instanceof EnvValidationError) {
      process.stderr.write(`${definition.name}: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const log = createLogger(definition.name, env.LOG_LEVEL);
  if (argv[0] === 'migrate') {
    const applied = await runMigrations(definition.orm(env));
    log.info({ applied }, applied.length ? 'migrations applied' : 'schema is up to date');
    return;
  }
  const command = argv[0] !== undefined ? definition.commands?.[argv[0]] : undefined;
  if (command) {
    await command(env);
    return;
  }
  try {
    const running = await startService(definition, env);
    log.info(
      { env: describeEnv(env), internalPort: running.internalPort, publicPort: running.publicPort },
      'service ready',
    );
  } catch (e) {
    log.fatal({ err: (e as Error).message }, 'service failed to start');
    process.exit(1);
  }
}

/** Boots a service in this process (also used by tests to run several services side by side). */
export async function startService<E extends ServiceEnv>(
  definition: ServiceDefinition<E>,
  env: E,
  options: { shutdownHooks?: boolean } = {},
): Promise<RunningService> {
  const module = definition.module(env);
  const app: INestApplicationContext = definition.publicHttp
    ? await NestFactory.create(module, { bufferLogs: true, abortOnError: false })
    : await NestFactory.createApplicationContext(module, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT → stop taking work, finish in-flight work, drain NATS, close the ORM.
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  let publicPort: number | undefined;
  if (definition.publicHttp) {
    const port = await definition.publicHttp(app as INestApplication, env);
    await (app as INestApplication).listen(port);
    publicPort = Number(new URL(await (app as INestApplication).getUrl()).port);
  } else {
    await app.init();
  }
  const internalPort = app.get(InternalHttpModule).boundPort;
  return { app, internalPort, publicPort, close: () => app.close() };
}
