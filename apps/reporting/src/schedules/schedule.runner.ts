import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import { PinoLogger } from 'nestjs-pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReportingEnv } from '../config/reporting.env';
import { ReportsService } from '../reports/reports.service';
import { nextCronTime } from './cron';
import { SchedulesRepository, type ClaimedDelivery } from './schedules.repository';
import { postReportOnce, type AttemptOutcome } from './webhook-attempt';

/** Due schedules claimed per tick (and transaction). */
const CLAIM_BATCH = 20;

/**
 * Fires due report schedules. Due rows are locked FOR UPDATE SKIP LOCKED and moved to their next
 * time in the transaction that records the delivery (unique per schedule and due time), so with
 * any number of replicas each due time is delivered once. The file is streamed to the webhook as
 * the POST body, retried with backoff while the webhook may still take it; every attempt and the
 * final outcome (status, rows, bytes, error) are kept as the delivery's history.
 */
@Injectable()
export class ScheduleRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<number>;
  /** Aborted at shutdown, so a delivery waiting for its next attempt ends (failed) instead of holding the process. */
  private readonly shutdown = new AbortController();
  private readonly backoff: ExponentialBackoff<unknown>;

  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly reports: ReportsService,
    private readonly env: ReportingEnv,
    private readonly logger: PinoLogger,
  ) {
    // cockatiel's retry policy would wait out a backoff after shutdown began; its backoff alone
    // gives the delays, and the wait below is abortable.
    this.backoff = new ExponentialBackoff({ initialDelay: env.REPORTING_WEBHOOK_RETRY_INITIAL_MS, maxDelay: 60_000 });
  }

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
    this.shutdown.abort();
    await this.ticking;
  }

  /** Claims and delivers what is due now; returns how many deliveries it made. */
  async tick(now = new Date()): Promise<number> {
    const claimed = await this.schedules.claimDue(now, CLAIM_BATCH, (s) => nextCronTime(s.cron, s.time_zone, now));
    for (const c of claimed) await this.deliver(c);
    return claimed.length;
  }

  /**
   * Delivers one due time: up to REPORTING_WEBHOOK_MAX_ATTEMPTS tries with exponential backoff
   * (cockatiel's, with jitter), each recorded as an attempt as it ends; the delivery takes the last
   * attempt's outcome. A webhook refusal that will not change (4xx other than 408/429) or a
   * missing report ends it at once; so does shutting down, which cuts a waiting retry short.
   */
  private async deliver(c: ClaimedDelivery): Promise<void> {
    let attempts = 0;
    let last: AttemptOutcome;
    try {
      const report = await this.reports.row(c.report_id);
      const target = { url: c.webhook_url, format: c.format, reportId: c.report_id, deliveryId: c.delivery_id, timeoutMs: this.env.REPORTING_WEBHOOK_TIMEOUT_MS };
      let backoff: IBackoff<unknown> | undefined;
      for (;;) {
        attempts++;
        const startedAt = new Date();
        last = await postReportOnce(target, (cursor) => this.reports.rows(report, undefined, cursor));
        await this.schedules.recordAttempt(c.delivery_id, attempts, startedAt, last);
        if (last.ok || !last.retryable || attempts >= this.env.REPORTING_WEBHOOK_MAX_ATTEMPTS) break;
        backoff = backoff ? backoff.next(undefined) : this.backoff.next();
        const waited = await sleep(backoff.duration, true, { signal: this.shutdown.signal }).catch(() => false);
        if (!waited) break;
      }
    } catch (e) {
      last = { ok: false, retryable: false, http: null, rows: null, bytes: 0, error: (e as Error).message.slice(0, 2000) };
    }
    const error = last.ok ? null : attempts > 1 ? `gave up after ${attempts} attempts: ${last.error}` : last.error;
    await this.schedules.finish(c.delivery_id, last.ok ? 'delivered' : 'failed', { http: last.http, rows: last.rows, bytes: last.bytes, error });
    this.logger.info({ scheduleId: c.schedule_id, deliveryId: c.delivery_id, status: last.ok ? 'delivered' : 'failed', attempts, rows: last.rows }, 'report delivered');
  }
}
