import { Injectable } from '@nestjs/common';
import {
  CreateScheduleRequest,
  ReportingDeliveriesList,
  ReportingSchedulesCreate,
  ReportingSchedulesDelete,
  ReportingSchedulesList,
  ReportRef,
  ScheduleRef,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { SchedulesService } from './schedules.service';

/** `reporting.schedules.*`. */
@Injectable()
export class SchedulesHandler {
  constructor(private readonly schedules: SchedulesService) {}

  @OnRequest(ReportingSchedulesCreate)
  create(req: CreateScheduleRequest) {
    return this.schedules.create(req);
  }

  @OnRequest(ReportingSchedulesList)
  list(req: ReportRef) {
    return this.schedules.list(req.reportId);
  }

  @OnRequest(ReportingSchedulesDelete)
  delete(req: ScheduleRef) {
    return this.schedules.delete(req.scheduleId);
  }

  @OnRequest(ReportingDeliveriesList)
  deliveries(req: ScheduleRef) {
    return this.schedules.deliveries(req.scheduleId);
  }
}
