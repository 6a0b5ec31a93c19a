import { randomBytes } from 'node:crypto';
import { connect } from 'nats';

/**
 * A prefix for subjects, streams and durable names that no other test file or run shares, so
 * parallel runs against one NATS server never read each other's messages.
 */
export function uniqueNatsPrefix(): string {
  return `t${randomBytes(4).toString('hex')}.`;
}

/** Deletes the streams a test created under its prefix. */
export async function deleteStreamsWithPrefix(natsUrl: string, prefix: string): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await nc.jetstreamManager();
    const wanted = prefix.replace(/\.$/, '').toUpperCase() + '_';
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(wanted)) await jsm.streams.delete(stream.config.name);
    }
  } finally {
    await nc.close();
  }
}
