import { Injectable } from '@nestjs/common';
import {
  AdHocRowsRequest,
  ReportingEntitiesList,
  ReportingRowsQuery,
  ReportingViewsCreate,
  ReportingViewsDelete,
  ReportingViewsGet,
  ReportingViewsList,
  ReportingViewsRows,
  ReportingViewsUpdate,
  SaveViewRequest,
  UpdateViewRequest,
  ViewRef,
  ViewRowsRequest,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { ViewsService } from './views.service';

/** `reporting.views.*`, `reporting.rows.query`, `reporting.entities.list`. */
@Injectable()
export class ViewsHandler {
  constructor(private readonly views: ViewsService) {}

  @OnRequest(ReportingEntitiesList)
  entities() {
    return this.views.entities();
  }

  @OnRequest(ReportingViewsList)
  list() {
    return this.views.list();
  }

  @OnRequest(ReportingViewsGet)
  get(req: ViewRef) {
    return this.views.get(req.viewId);
  }

  @OnRequest(ReportingViewsCreate)
  create(req: SaveViewRequest) {
    return this.views.create(req);
  }

  @OnRequest(ReportingViewsUpdate)
  update(req: UpdateViewRequest) {
    return this.views.update(req);
  }

  @OnRequest(ReportingViewsDelete)
  delete(req: ViewRef) {
    return this.views.delete(req.viewId);
  }

  @OnRequest(ReportingViewsRows)
  rows(req: ViewRowsRequest) {
    return this.views.rows(req);
  }

  @OnRequest(ReportingRowsQuery)
  query(req: AdHocRowsRequest) {
    return this.views.query(req);
  }
}
