import { Injectable } from '@nestjs/common';
import {
  DashboardRef,
  LedgerRequest,
  ReportingDashboardsCreate,
  ReportingDashboardsDelete,
  ReportingDashboardsGet,
  ReportingDashboardsList,
  ReportingDashboardsUpdate,
  ReportingSavings,
  ReportingSavingsLedger,
  ReportingWidgetData,
  SaveDashboardRequest,
  UpdateDashboardRequest,
  WidgetRef,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { DashboardsService } from './dashboards.service';
import { SavingsService } from './savings.service';

/** `reporting.dashboards.*` and `reporting.savings.*`. */
@Injectable()
export class DashboardsHandler {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly savings: SavingsService,
  ) {}

  @OnRequest(ReportingDashboardsList)
  list() {
    return this.dashboards.list();
  }

  @OnRequest(ReportingDashboardsGet)
  get(req: DashboardRef) {
    return this.dashboards.get(req.dashboardId);
  }

  @OnRequest(ReportingDashboardsCreate)
  create(req: SaveDashboardRequest) {
    return this.dashboards.create(req);
  }

  @OnRequest(ReportingDashboardsUpdate)
  update(req: UpdateDashboardRequest) {
    return this.dashboards.update(req);
  }

  @OnRequest(ReportingDashboardsDelete)
  delete(req: DashboardRef) {
    return this.dashboards.delete(req.dashboardId);
  }

  @OnRequest(ReportingWidgetData)
  widgetData(req: WidgetRef) {
    return this.dashboards.widgetData(req.dashboardId, req.widgetId);
  }

  @OnRequest(ReportingSavings)
  savingsNow() {
    return this.savings.savings();
  }

  @OnRequest(ReportingSavingsLedger)
  ledger(req: LedgerRequest) {
    return this.savings.ledger(req.limit, req.cursor);
  }
}
