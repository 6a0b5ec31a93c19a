import type { INestApplicationContext } from '@nestjs/common';
import { systemPing } from '@seatkeeper/contracts';
import { createTestDatabase, deleteStreamsWithPrefix, testInfra, uniqueNatsPrefix, type TestDatabase } from '@seatkeeper/testing-infra';
import { RemoteRpcError, RpcClient, ServiceTimeoutError, ServiceUnavailableError } from '../src';
import { migrateTestSchemas, NobodyAnswers, SlowEcho, startTestService, WidgetCopier, MESSAGING_TEST_DB_KEY } from './harness';

describe(RpcClient.name, () => {
  const natsUrl = testInfra().natsUrl;
  const prefix = uniqueNatsPrefix();
  let db: TestDatabase;
  let mapping: INestApplicationContext;
  let rpc: RpcClient;

  beforeAll(async () => {
    db = await createTestDatabase({ key: MESSAGING_TEST_DB_KEY, migrate: migrateTestSchemas });
    mapping = await startTestService({ databaseUrl: db.url, natsUrl, prefix, service: 'mapping', schema: 'svc_b', providers: [WidgetCopier] });
    rpc = mapping.get(RpcClient);
  });
  afterAll(async () => {
    await mapping?.close();
    await deleteStreamsWithPrefix(natsUrl, prefix);
    await db?.drop();
  });

  it('answers a request with the handler result', async () => {
    await expect(rpc.request(SlowEcho, { delayMs: 1 })).resolves.toEqual({ waited: 1 });
    await expect(rpc.request(systemPing('mapping'), { echo: 'hi' })).resolves.toMatchObject({ service: 'mapping', echo: 'hi' });
  });

  it('fails at once with "unavailable" when no instance of the service is running', async () => {
    const started = Date.now();
    const error = await rpc.request(NobodyAnswers, { delayMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).message).toMatch(/workflow service is unavailable/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails with a timeout error, not a hang, when the service is too slow', async () => {
    const error = await rpc.request(SlowEcho, { delayMs: 1500 }, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceTimeoutError);
    expect((error as ServiceTimeoutError).code).toBe('SERVICE_TIMEOUT');
  });

  it('returns a typed validation error naming the field', async () => {
    const error = await rpc.request(SlowEcho, { delayMs: -5 } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteRpcError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'delayMs' })] });
  });
});
