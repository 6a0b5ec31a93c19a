import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ReportFormat } from '@seatkeeper/contracts';
import { PinoLogger } from 'nestjs-pino';
import { v7 as uuidv7 } from 'uuid';
import { ReportingEnv } from '../config/reporting.env';
import { CONTENT_TYPES, reportFile } from '../reports/report-file';
import { ReportsService } from '../reports/reports.service';
import { nextCronTime } from './cron';

interface Claimed {
  delivery_id: string;
  schedule_id: string;
  report_id: string;
  format: ReportFormat;
  webhook_url: string;
}

/**
 * Fires due report schedules. Due rows are locked FOR UPDATE SKIP LOCKED and moved to their next
 * time in the transaction that records the delivery (unique per schedule and due time), so with
 * any number of replicas each due time is delivered once. The file is streamed to the webhook as
 * the POST body; the outcome (status, rows, bytes, error) is written back to the delivery.
 */
@Injectable()
export class ScheduleRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<number>;

  constructor(
    private readonly orm: MikroORM,
    private readonly reports: ReportsService,
    private readonly env: ReportingEnv,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.REPORTING_SCHEDULER_ENABLED) return;
    this.timer = setInterval(() => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((e: unknown) => {
          this.logger.warn({ err: (e as Error).message }, 'report schedule tick failed; will retry');
          return 0;
        })
        .finally(() => (this.ticking = undefined));
    }, this.env.REPORTING_SCHEDULER_TICK_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  /** Claims and delivers what is due now; returns how many deliveries it made. */
  async tick(now = new Date()): Promise<number> {
    const claimed = await this.orm.em.fork().transactional(async (em) => {
      const due = await em.execute<{ id: string; report_id: string; cron: string; time_zone: string; format: ReportFormat; webhook_url: string; next_run_at: Date | string }[]>(
        `select id, report_id, cron, time_zone, format, webhook_url, next_run_at from report_schedule
         where enabled and next_run_at <= ? order by next_run_at limit 20 for update skip locked`,
        [now],
      );
      const out: Claimed[] = [];
      for (const s of due) {
        await em.execute('update report_schedule set next_run_at = ?, updated_at = now() where id = ?', [nextCronTime(s.cron, s.time_zone, now), s.id]);
        const inserted = await em.execute<{ id: string }[]>(
          `insert into report_delivery (id, schedule_id, due_at, started_at, status) values (?, ?, ?, now(), 'running')
           on conflict (schedule_id, due_at) do nothing returning id`,
          [uuidv7(), s.id, s.next_run_at],
        );
        if (inserted[0]) out.push({ delivery_id: inserted[0].id, schedule_id: s.id, report_id: s.report_id, format: s.format, webhook_url: s.webhook_url });
      }
      return out;
    });
    for (const c of claimed) await this.deliver(c);
    return claimed.length;
  }

  private async deliver(c: Claimed): Promise<void> {
    let bytes = 0;
    let outcome: { status: 'delivered' | 'failed'; http: number | null; rows: number | null; error: string | null };
    try {
      const report = await this.reports.row(c.report_id);
      const file = reportFile(c.format, (cursor) => this.reports.rows(report, undefined, cursor));
      file.body.on('data', (chunk: Buffer) => (bytes += chunk.length));
      const res = await fetch(c.webhook_url, {
        method: 'POST',
        headers: {
          'content-type': CONTENT_TYPES[c.format],
          'x-seatkeeper-report-id': c.report_id,
          'x-seatkeeper-delivery-id': c.delivery_id,
        },
        body: file.body as unknown as ReadableStream,
        duplex: 'half',
        signal: AbortSignal.timeout(this.env.REPORTING_WEBHOOK_TIMEOUT_MS),
      } as RequestInit & { duplex: 'half' });
      const rows = await file.rows;
      await res.body?.cancel();
      outcome = res.ok
        ? { status: 'delivered', http: res.status, rows, error: null }
        : { status: 'failed', http: res.status, rows, error: `the webhook answered ${res.status}` };
    } catch (e) {
      outcome = { status: 'failed', http: null, rows: null, error: (e as Error).message.slice(0, 2000) };
    }
    await this.orm.em.fork().execute(
      'update report_delivery set status = ?, http_status = ?, rows = ?, bytes = ?, error = ?, finished_at = now() where id = ?',
      [outcome.status, outcome.http, outcome.rows, bytes, outcome.error, c.delivery_id],
    );
    this.logger.info({ scheduleId: c.schedule_id, deliveryId: c.delivery_id, status: outcome.status, rows: outcome.rows }, 'report delivered');
  }
}
