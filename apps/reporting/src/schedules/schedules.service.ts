import { Injectable } from '@nestjs/common';
import type { CreateScheduleRequest, DeliveryAttemptView, DeliveryView, ScheduleView } from '@seatkeeper/contracts';
import { isoOf } from '../catalog/list-query';
import { ReportingErrorCode, ReportingException } from '../catalog/reporting.exception';
import { ReportsService } from '../reports/reports.service';
import { cronProblems, nextCronTime } from './cron';
import type { ReportDeliveryAttempt } from './report-delivery-attempt.entity';
import type { ReportDelivery } from './report-delivery.entity';
import type { ReportSchedule } from './report-schedule.entity';
import { SchedulesRepository } from './schedules.repository';

const toView = (r: ReportSchedule): ScheduleView => ({
  id: r.id,
  reportId: r.reportId,
  cron: r.cron,
  timeZone: r.timeZone,
  format: r.format,
  webhookUrl: r.webhookUrl,
  enabled: r.enabled,
  nextRunAt: isoOf(r.nextRunAt),
  createdAt: isoOf(r.createdAt),
});

const toAttempt = (r: ReportDeliveryAttempt): DeliveryAttemptView => ({
  attempt: r.attempt,
  startedAt: isoOf(r.startedAt),
  finishedAt: isoOf(r.finishedAt),
  httpStatus: r.httpStatus,
  rows: r.rows,
  bytes: r.bytes === null ? null : Number(r.bytes),
  error: r.error,
});

const toDelivery = (r: ReportDelivery, attempts: ReportDeliveryAttempt[]): DeliveryView => ({
  id: r.id,
  scheduleId: r.scheduleId,
  dueAt: isoOf(r.dueAt),
  startedAt: isoOf(r.startedAt),
  finishedAt: r.finishedAt ? isoOf(r.finishedAt) : null,
  status: r.status,
  httpStatus: r.httpStatus,
  rows: r.rows,
  bytes: r.bytes === null ? null : Number(r.bytes),
  error: r.error,
  attempts: attempts.filter((a) => a.deliveryId === r.id).map(toAttempt),
});

/** Report schedules (cron + zone → webhook) and their delivery history. */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly reports: ReportsService,
  ) {}

  async create(req: CreateScheduleRequest, now = new Date()): Promise<ScheduleView> {
    const problems = cronProblems(req.cron, req.timeZone);
    if (problems.length) throw new ReportingException(ReportingErrorCode.ScheduleInvalid, 'The schedule cannot run as given', problems);
    await this.reports.row(req.reportId);
    const schedule = await this.schedules.create({
      reportId: req.reportId,
      cron: req.cron,
      timeZone: req.timeZone,
      format: req.format,
      webhookUrl: req.webhookUrl,
      nextRunAt: nextCronTime(req.cron, req.timeZone, now),
    });
    return toView(schedule);
  }

  async list(reportId: string): Promise<{ data: ScheduleView[] }> {
    await this.reports.row(reportId);
    return { data: (await this.schedules.listOfReport(reportId)).map(toView) };
  }

  async delete(id: string): Promise<{ deleted: true }> {
    if (!(await this.schedules.delete(id))) throw new ReportingException(ReportingErrorCode.ScheduleNotFound, `No schedule ${id}`);
    return { deleted: true };
  }

  async deliveries(id: string): Promise<{ data: DeliveryView[] }> {
    if (!(await this.schedules.exists(id))) throw new ReportingException(ReportingErrorCode.ScheduleNotFound, `No schedule ${id}`);
    const { deliveries, attempts } = await this.schedules.history(id);
    return { data: deliveries.map((r) => toDelivery(r, attempts)) };
  }
}
