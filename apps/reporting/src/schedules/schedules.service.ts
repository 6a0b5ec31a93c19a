import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { CreateScheduleRequest, DeliveryAttemptView, DeliveryView, ScheduleView } from '@seatkeeper/contracts';
import { v7 as uuidv7 } from 'uuid';
import { isoOf } from '../catalog/list-query';
import { ReportingErrorCode, ReportingException } from '../catalog/reporting.exception';
import { ReportsService } from '../reports/reports.service';
import { cronProblems, nextCronTime } from './cron';

interface ScheduleRow {
  id: string;
  report_id: string;
  cron: string;
  time_zone: string;
  format: ScheduleView['format'];
  webhook_url: string;
  enabled: boolean;
  next_run_at: Date | string;
  created_at: Date | string;
}

interface DeliveryRow {
  id: string;
  schedule_id: string;
  due_at: Date | string;
  started_at: Date | string;
  finished_at: Date | string | null;
  status: DeliveryView['status'];
  http_status: number | null;
  rows: number | null;
  bytes: string | null;
  error: string | null;
}

const toView = (r: ScheduleRow): ScheduleView => ({
  id: r.id,
  reportId: r.report_id,
  cron: r.cron,
  timeZone: r.time_zone,
  format: r.format,
  webhookUrl: r.webhook_url,
  enabled: r.enabled,
  nextRunAt: isoOf(r.next_run_at),
  createdAt: isoOf(r.created_at),
});

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  started_at: Date | string;
  finished_at: Date | string;
  http_status: number | null;
  rows: number | null;
  bytes: string | null;
  error: string | null;
}

const toAttempt = (r: AttemptRow): DeliveryAttemptView => ({
  attempt: r.attempt,
  startedAt: isoOf(r.started_at),
  finishedAt: isoOf(r.finished_at),
  httpStatus: r.http_status,
  rows: r.rows,
  bytes: r.bytes === null ? null : Number(r.bytes),
  error: r.error,
});

const toDelivery = (r: DeliveryRow, attempts: AttemptRow[]): DeliveryView => ({
  id: r.id,
  scheduleId: r.schedule_id,
  dueAt: isoOf(r.due_at),
  startedAt: isoOf(r.started_at),
  finishedAt: r.finished_at ? isoOf(r.finished_at) : null,
  status: r.status,
  httpStatus: r.http_status,
  rows: r.rows,
  bytes: r.bytes === null ? null : Number(r.bytes),
  error: r.error,
  attempts: attempts.filter((a) => a.delivery_id === r.id).map(toAttempt),
});

/** Report schedules (cron + zone → webhook) and their delivery history. */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly reports: ReportsService,
  ) {}

  async create(req: CreateScheduleRequest, now = new Date()): Promise<ScheduleView> {
    const problems = cronProblems(req.cron, req.timeZone);
    if (problems.length) throw new ReportingException(ReportingErrorCode.ScheduleInvalid, 'The schedule cannot run as given', problems);
    await this.reports.row(req.reportId);
    const rows = await this.orm.em.fork().execute<ScheduleRow[]>(
      `insert into report_schedule (id, report_id, cron, time_zone, format, webhook_url, next_run_at) values (?, ?, ?, ?, ?, ?, ?) returning *`,
      [uuidv7(), req.reportId, req.cron, req.timeZone, req.format, req.webhookUrl, nextCronTime(req.cron, req.timeZone, now)],
    );
    return toView(rows[0] as ScheduleRow);
  }

  async list(reportId: string): Promise<{ data: ScheduleView[] }> {
    await this.reports.row(reportId);
    const rows = await this.orm.em.fork().execute<ScheduleRow[]>('select * from report_schedule where report_id = ? order by created_at, id', [reportId]);
    return { data: rows.map(toView) };
  }

  async delete(id: string): Promise<{ deleted: true }> {
    const rows = await this.orm.em.fork().execute<{ id: string }[]>('delete from report_schedule where id = ? returning id', [id]);
    if (!rows[0]) throw new ReportingException(ReportingErrorCode.ScheduleNotFound, `No schedule ${id}`);
    return { deleted: true };
  }

  async deliveries(id: string): Promise<{ data: DeliveryView[] }> {
    const exists = await this.orm.em.fork().execute<{ id: string }[]>('select id from report_schedule where id = ?', [id]);
    if (!exists[0]) throw new ReportingException(ReportingErrorCode.ScheduleNotFound, `No schedule ${id}`);
    const latest = 'select id from report_delivery where schedule_id = ? order by due_at desc, id limit 200';
    const rows = await this.orm.em.fork().execute<DeliveryRow[]>(
      `select * from report_delivery where id in (${latest}) order by due_at desc, id`,
      [id],
    );
    const attempts = await this.orm.em.fork().execute<AttemptRow[]>(
      `select * from report_delivery_attempt where delivery_id in (${latest}) order by delivery_id, attempt`,
      [id],
    );
    return { data: rows.map((r) => toDelivery(r, attempts)) };
  }
}
