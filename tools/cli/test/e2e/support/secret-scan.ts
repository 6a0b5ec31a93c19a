import { connect, type JetStreamManager } from 'nats';

/** Where each secret was found; empty when none leaked. */
export function findSecrets(haystacks: Array<{ where: string; text: string }>, secrets: Record<string, string>): string[] {
  const found: string[] = [];
  for (const { where, text } of haystacks) {
    for (const [name, secret] of Object.entries(secrets)) if (text.includes(secret)) found.push(`${name} in ${where}`);
  }
  return found;
}

/** Every message of every stream on this (private) NATS server, as text: subject, headers, data. */
export async function streamMessages(natsUrl: string): Promise<Array<{ where: string; text: string }>> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm: JetStreamManager = await nc.jetstreamManager();
    const out: Array<{ where: string; text: string }> = [];
    for (const info of await jsm.streams.list().next()) {
      const parts: string[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const m = await jsm.streams.getMessage(info.config.name, { seq }).catch(() => undefined);
        if (m) parts.push(`${m.subject} ${m.header ? m.header.keys().map((k) => `${k}:${m.header?.get(k) ?? ''}`).join(' ') : ''} ${new TextDecoder().decode(m.data)}`);
      }
      out.push({ where: `stream ${info.config.name} (${parts.length} messages)`, text: parts.join('\n') });
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** Messages per subject on one stream (JetStream's own per-subject counts). */
export async function subjectCounts(natsUrl: string, stream: string): Promise<Record<string, number>> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(stream, { subjects_filter: '>' });
    return (info.state.subjects ?? {}) as Record<string, number>;
  } finally {
    await nc.close();
  }
}
