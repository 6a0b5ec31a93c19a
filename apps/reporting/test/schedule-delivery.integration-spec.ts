import { ReportingDeliveriesList, ReportingReportsCreate, ReportingSchedulesCreate, type DeliveryView } from '@seatkeeper/contracts';
import type { RpcClient } from '@seatkeeper/platform-messaging';
import { expectEventually, startServiceForTest, type ServiceUnderTest } from '@seatkeeper/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { ReportingEnv } from '../src/config/reporting.env';
import { ScheduleRunner } from '../src/schedules/schedule.runner';
import { reportingService } from '../src/service-definition';
import { rpcOf } from './support';

/**
 * Scheduled deliveries against a real webhook (a local HTTP server answering from a script):
 * retried with backoff while the webhook may take the file later, every attempt sending the whole
 * file afresh and kept in the delivery history; a permanent refusal is not retried.
 */
describe('scheduled report delivery retries', () => {
  let reporting: ServiceUnderTest<ReportingEnv>;
  let rpc: RpcClient;
  let runner: ScheduleRunner;
  let hook: Server;
  let hookUrl: string;
  let reportId: string;
  /** Status codes the webhook answers with, one per request; the last one repeats. */
  let script: number[] = [];
  let received: string[] = [];

  beforeAll(async () => {
    reporting = await startServiceForTest(reportingService, {
      REPORTING_SCHEDULER_ENABLED: 'false',
      REPORTING_WEBHOOK_MAX_ATTEMPTS: '3',
      REPORTING_WEBHOOK_RETRY_INITIAL_MS: '20',
    });
    rpc = rpcOf(reporting);
    runner = reporting.running.app.get(ScheduleRunner);
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        const status = script.length > 1 ? (script.shift() as number) : (script[0] as number);
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;

    // Two accounts in the read model, so every attempt's body can be checked whole.
    const pg = new Client({ connectionString: reporting.db.url });
    await pg.connect();
    await pg.query(
      `insert into reporting.rm_saas_user (saas_user_id, saas_app_id, external_id, email, vendor_role, status, created_at, updated_at)
       values ($1, $3, 'P1', 'a@example.com', 'admin', 'active', now(), now()), ($2, $3, 'P2', 'b@example.com', 'user', 'active', now(), now())`,
      [uuidv7(), uuidv7(), uuidv7()],
    );
    await pg.end();
    const report = await rpc.request(ReportingReportsCreate, { name: 'Accounts', entity: 'saas_users', columns: ['email', 'vendorRole'], sort: { field: 'email', direction: 'asc' } });
    reportId = report.id;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => hook?.close(resolve));
    await reporting?.stop();
  });

  beforeEach(() => {
    received = [];
  });

  /** A weekly schedule fired by one tick "next week" (the runner claims what is due at the time it is given). */
  async function deliverOnce(): Promise<DeliveryView> {
    const schedule = await rpc.request(ReportingSchedulesCreate, { reportId, cron: '0 7 * * 1', timeZone: 'Europe/Paris', format: 'csv', webhookUrl: hookUrl });
    expect(await runner.tick(new Date(Date.now() + 8 * 86_400_000))).toBe(1);
    const deliveries = (await rpc.request(ReportingDeliveriesList, { scheduleId: schedule.id })).data;
    expect(deliveries).toHaveLength(1);
    return deliveries[0] as DeliveryView;
  }

  const CSV = ['Account email,Vendor role', 'a@example.com,admin', 'b@example.com,user'];

  it('a webhook failing twice then taking the file: delivered on attempt 3, each attempt sent the whole file', async () => {
    script = [503, 502, 204];
    const d = await deliverOnce();
    expect(d).toMatchObject({ status: 'delivered', httpStatus: 204, rows: 2, error: null });
    expect(d.attempts.map((a) => [a.attempt, a.httpStatus, a.error])).toEqual([
      [1, 503, 'the webhook answered 503'],
      [2, 502, 'the webhook answered 502'],
      [3, 204, null],
    ]);
    expect(received).toHaveLength(3);
    for (const body of received) expect(body.trim().split('\n')).toEqual(CSV);
    for (const a of d.attempts) expect(a).toMatchObject({ rows: 2, bytes: Buffer.byteLength(received[0] as string) });
  });

  it('a webhook that always fails: failed after the last attempt, with the reason', async () => {
    script = [500];
    const d = await deliverOnce();
    expect(d).toMatchObject({ status: 'failed', httpStatus: 500, error: 'gave up after 3 attempts: the webhook answered 500' });
    expect(d.attempts.map((a) => a.httpStatus)).toEqual([500, 500, 500]);
    expect(received).toHaveLength(3);
  });

  it('a webhook refusing the file (4xx): failed at once, not retried', async () => {
    script = [404];
    const d = await deliverOnce();
    expect(d).toMatchObject({ status: 'failed', httpStatus: 404, error: 'the webhook answered 404' });
    expect(d.attempts).toHaveLength(1);
    expect(received).toHaveLength(1);
  });

  it('a webhook that cannot be reached: retried, then failed with the network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
    await new Promise((resolve) => closed.close(resolve));
    const schedule = await rpc.request(ReportingSchedulesCreate, { reportId, cron: '0 7 * * 1', timeZone: 'Europe/Paris', format: 'csv', webhookUrl: deadUrl });
    await runner.tick(new Date(Date.now() + 8 * 86_400_000));
    const [d] = (await rpc.request(ReportingDeliveriesList, { scheduleId: schedule.id })).data;
    expect(d).toMatchObject({ status: 'failed', httpStatus: null, error: expect.stringMatching(/^gave up after 3 attempts: /) });
    expect(d?.attempts).toHaveLength(3);
  });

  it('shutting down cuts a waiting retry short: the delivery ends failed after the attempts made', async () => {
    // A second replica whose retries wait ten minutes: only the shutdown can end its wait.
    const patient = await startServiceForTest(reportingService, {
      REPORTING_SCHEDULER_ENABLED: 'false',
      REPORTING_WEBHOOK_RETRY_INITIAL_MS: '600000',
    }, { db: reporting.db, prefix: reporting.prefix });
    try {
      script = [503];
      const schedule = await rpc.request(ReportingSchedulesCreate, { reportId, cron: '0 7 * * 1', timeZone: 'Europe/Paris', format: 'csv', webhookUrl: hookUrl });
      const patientRunner = patient.running.app.get(ScheduleRunner);
      const ticking = patientRunner.tick(new Date(Date.now() + 8 * 86_400_000));
      await expectEventually(async () => expect(received).toHaveLength(1));
      const t0 = Date.now();
      await patientRunner.beforeApplicationShutdown();
      expect(await ticking).toBe(1);
      expect(Date.now() - t0).toBeLessThan(5_000);
      const [d] = (await rpc.request(ReportingDeliveriesList, { scheduleId: schedule.id })).data;
      expect(d).toMatchObject({ status: 'failed', httpStatus: 503, error: 'the webhook answered 503' });
      expect(d?.attempts).toHaveLength(1);
    } finally {
      await patient.stop();
    }
  });
});
