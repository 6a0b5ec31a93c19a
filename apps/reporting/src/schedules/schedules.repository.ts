import { raw } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ReportFormat } from '@seatkeeper/contracts';
import { v7 as uuidv7 } from 'uuid';
import { ReportDeliveryAttempt } from './report-delivery-attempt.entity';
import { ReportDelivery } from './report-delivery.entity';
import { ReportSchedule } from './report-schedule.entity';

export type ScheduleFields = Pick<ReportSchedule, 'reportId' | 'cron' | 'timeZone' | 'format' | 'webhookUrl' | 'nextRunAt'>;

/** A schedule that was due, as the claim read it (locked) before moving it on. */
export interface DueScheduleRow {
  id: string;
  report_id: string;
  cron: string;
  time_zone: string;
  format: ReportFormat;
  webhook_url: string;
  next_run_at: Date | string;
}

/** A due time claimed for delivery: its delivery row exists (status `running`). */
export interface ClaimedDelivery {
  delivery_id: string;
  schedule_id: string;
  report_id: string;
  format: ReportFormat;
  webhook_url: string;
}

/** How one attempt or the whole delivery ended. */
export interface DeliveryOutcome {
  http: number | null;
  rows: number | null;
  bytes: number | null;
  error: string | null;
}

/** At most this many deliveries are listed per schedule (the newest). */
const DELIVERY_HISTORY = 200;

/**
 * Report schedules and their delivery history. CRUD and the history through the EntityManager;
 * the claim (`for update skip locked`, `on conflict do nothing`) and the attempt record
 * (`on conflict do nothing`) stay SQL.
 */
@Injectable()
export class SchedulesRepository {
  constructor(private readonly orm: MikroORM) {}

  async create(fields: ScheduleFields): Promise<ReportSchedule> {
    const em = this.orm.em.fork();
    const schedule = em.create(ReportSchedule, { id: uuidv7(), ...fields });
    await em.flush();
    return schedule;
  }

  listOfReport(reportId: string): Promise<ReportSchedule[]> {
    return this.orm.em.fork().find(ReportSchedule, { reportId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async exists(id: string): Promise<boolean> {
    return (await this.orm.em.fork().count(ReportSchedule, { id })) > 0;
  }

  /** false when there was no such schedule; its deliveries go with it (on delete cascade). */
  async delete(id: string): Promise<boolean> {
    return (await this.orm.em.fork().nativeDelete(ReportSchedule, { id })) > 0;
  }

  /** The newest deliveries of a schedule (due time descending) and their attempts in order. */
  async history(scheduleId: string): Promise<{ deliveries: ReportDelivery[]; attempts: ReportDeliveryAttempt[] }> {
    const deliveries = await this.orm.em
      .fork()
      .find(ReportDelivery, { scheduleId }, { orderBy: { dueAt: 'desc', id: 'asc' }, limit: DELIVERY_HISTORY });
    const attempts = deliveries.length
      ? await this.orm.em
          .fork()
          .find(ReportDeliveryAttempt, { deliveryId: { $in: deliveries.map((d) => d.id) } }, { orderBy: { deliveryId: 'asc', attempt: 'asc' } })
      : [];
    return { deliveries, attempts };
  }

  /**
   * In one transaction: locks up to `limit` due schedules (FOR UPDATE SKIP LOCKED, so replicas
   * share them out), moves each to `nextRunAt(schedule)` and records a delivery for the due time
   * it had. A due time already recorded (unique per schedule and due time) is not claimed again.
   */
  async claimDue(now: Date, limit: number, nextRunAt: (s: DueScheduleRow) => Date): Promise<ClaimedDelivery[]> {
    return this.orm.em.fork().transactional(async (em) => {
      const due = await em.execute<DueScheduleRow[]>(
        `select id, report_id, cron, time_zone, format, webhook_url, next_run_at from report_schedule
         where enabled and next_run_at <= ? order by next_run_at limit ? for update skip locked`,
        [now, limit],
      );
      const out: ClaimedDelivery[] = [];
      for (const s of due) {
        await em.execute('update report_schedule set next_run_at = ?, updated_at = now() where id = ?', [nextRunAt(s), s.id]);
        const inserted = await em.execute<{ id: string }[]>(
          `insert into report_delivery (id, schedule_id, due_at, started_at, status) values (?, ?, ?, now(), 'running')
           on conflict (schedule_id, due_at) do nothing returning id`,
          [uuidv7(), s.id, s.next_run_at],
        );
        if (inserted[0]) out.push({ delivery_id: inserted[0].id, schedule_id: s.id, report_id: s.report_id, format: s.format, webhook_url: s.webhook_url });
      }
      return out;
    });
  }

  /** One attempt as it ended; recording the same attempt twice keeps the first. */
  async recordAttempt(deliveryId: string, attempt: number, startedAt: Date, o: DeliveryOutcome): Promise<void> {
    await this.orm.em.fork().execute(
      `insert into report_delivery_attempt (delivery_id, attempt, started_at, finished_at, http_status, rows, bytes, error)
       values (?, ?, ?, now(), ?, ?, ?, ?) on conflict do nothing`,
      [deliveryId, attempt, startedAt, o.http, o.rows, o.bytes, o.error],
    );
  }

  /** The delivery's final outcome, finished now (the database's clock, as its start). */
  async finish(deliveryId: string, status: 'delivered' | 'failed', o: DeliveryOutcome): Promise<void> {
    await this.orm.em.fork().nativeUpdate(
      ReportDelivery,
      { id: deliveryId },
      { status, httpStatus: o.http, rows: o.rows, bytes: o.bytes === null ? null : String(o.bytes), error: o.error, finishedAt: raw('now()') },
    );
  }
}
