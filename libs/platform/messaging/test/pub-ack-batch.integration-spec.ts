import { deleteStreamsWithPrefix, testInfra, uniqueNatsPrefix } from '@seatkeeper/testing-infra';
import { connect, DiscardPolicy, StorageType, type NatsConnection } from 'nats';
import { PubAckBatch } from '../src/events/pub-ack-batch';

/** The relay's publisher against a real JetStream: acks in order, dedupe by msg id, refusals named. */
describe('PubAckBatch', () => {
  const natsUrl = testInfra().natsUrl;
  const prefix = uniqueNatsPrefix();
  const stream = `${prefix.replace(/\W/g, '_').toUpperCase()}PUBACK`;
  let nc: NatsConnection;
  let batch: PubAckBatch;
  const data = new TextEncoder().encode('{}');

  beforeAll(async () => {
    nc = await connect({ servers: natsUrl });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: stream, subjects: [`${prefix}puback.>`], storage: StorageType.Memory });
    batch = new PubAckBatch(() => nc);
  });

  afterAll(async () => {
    batch?.close();
    await nc?.jetstreamManager().then((jsm) => jsm.streams.delete(stream)).catch(() => undefined);
    await nc?.close();
    await deleteStreamsWithPrefix(natsUrl, prefix);
  });

  it('acknowledges every message of a batch in order, and a repeated msg id as a duplicate', async () => {
    const messages = Array.from({ length: 300 }, (_, i) => ({ subject: `${prefix}puback.a`, data, msgId: `m-${i}` }));
    const acks = await batch.publish(messages, 5000);
    expect(acks.map((a) => a.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(acks.every((a) => a.stream === stream && !a.duplicate)).toBe(true);

    const again = await batch.publish([messages[7] as (typeof messages)[number], { subject: `${prefix}puback.b`, data, msgId: 'm-new' }], 5000);
    expect(again).toEqual([
      { stream, seq: 8, duplicate: true },
      { stream, seq: 301, duplicate: false },
    ]);
    const info = await (await nc.jetstreamManager()).streams.info(stream);
    expect(info.state.messages).toBe(301);
  });

  it('rejects a batch with a message no stream takes, naming the subject', async () => {
    await expect(
      batch.publish([{ subject: `${prefix}puback.c`, data, msgId: 'ok-1' }, { subject: `${prefix}nostream.x`, data, msgId: 'lost-1' }], 5000),
    ).rejects.toThrow(`no stream takes ${prefix}nostream.x`);
  });

  it('rejects a publish the stream refuses with its reason, and keeps working after it', async () => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: `${stream}_FULL`, subjects: [`${prefix}full.>`], storage: StorageType.Memory, max_msgs: 1, discard: DiscardPolicy.New });
    try {
      await expect(
        batch.publish([{ subject: `${prefix}full.a`, data, msgId: 'f-1' }, { subject: `${prefix}full.a`, data, msgId: 'f-2' }], 5000),
      ).rejects.toThrow(/JetStream refused the publish: maximum messages exceeded/);
    } finally {
      await jsm.streams.delete(`${stream}_FULL`);
    }
    const ok = await batch.publish([{ subject: `${prefix}puback.d`, data, msgId: 'after-refusal' }], 5000);
    expect(ok).toEqual([{ stream, seq: 303, duplicate: false }]);
  });
});
