import { MikroORM } from '@mikro-orm/postgresql';
import { Naming } from '@seatkeeper/platform-messaging';
import { connect } from 'nats';
import type { ReportingEnv } from '../config/reporting.env';
import { ormConfig } from '../mikro-orm.config';
import { READ_MODEL_TABLES, ReadModelResetRepository } from '../read-models/read-model-reset.repository';

export { READ_MODEL_TABLES };

const STREAMS = ['DIRECTORY', 'SYNC', 'WORKFLOW'] as const;

export interface RebuildResult {
  consumersReset: string[];
  tablesCleared: string[];
}

/**
 * `main.js rebuild` (with reporting stopped): empties the read models and reporting's inbox and
 * deletes its durable consumers, so the next start replays DIRECTORY, SYNC and WORKFLOW from the
 * first event through the same handlers as live traffic. It refuses when a stream no longer holds
 * its first event (retention dropped some): a replay would then build less than the live models.
 * `--force` rebuilds anyway.
 */
export async function rebuildReadModels(env: ReportingEnv, options: { force?: boolean } = {}): Promise<RebuildResult> {
  const naming = new Naming(env.NATS_SUBJECT_PREFIX);
  const nc = await connect({ servers: env.NATS_URL.split(','), user: env.NATS_USER, pass: env.NATS_PASSWORD });
  const consumersReset: string[] = [];
  try {
    const jsm = await nc.jetstreamManager();
    for (const name of STREAMS) {
      const stream = naming.stream(name);
      const info = await jsm.streams.info(stream).catch(() => undefined);
      if (!info) continue;
      if (info.state.first_seq > 1 && info.state.messages > 0 && !options.force) {
        throw new Error(`${stream} no longer holds its first events (first sequence ${info.state.first_seq}); a replay would lose data. Use --force to rebuild anyway.`);
      }
    }
    const config = ormConfig(env);
    const orm = await MikroORM.init({ ...config, pool: { ...config.pool, min: 0, max: 1 } });
    try {
      const consumers = STREAMS.map((s) => naming.durable('reporting', naming.stream(s)));
      await orm.em.fork().transactional((em) => new ReadModelResetRepository().reset(em, consumers));
    } finally {
      await orm.close(true);
    }
    for (const name of STREAMS) {
      const stream = naming.stream(name);
      const durable = naming.durable('reporting', stream);
      const deleted = await jsm.consumers.delete(stream, durable).catch(() => false);
      if (deleted) consumersReset.push(durable);
    }
  } finally {
    await nc.close();
  }
  return { consumersReset, tablesCleared: [...READ_MODEL_TABLES] };
}

export async function rebuildCommand(env: ReportingEnv): Promise<void> {
  const result = await rebuildReadModels(env, { force: process.argv.includes('--force') });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
