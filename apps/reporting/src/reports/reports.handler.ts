import { Injectable } from '@nestjs/common';
import {
  CreateShareLinkRequest,
  ReportingReportsCreate,
  ReportingReportsDelete,
  ReportingReportsGet,
  ReportingReportsList,
  ReportingReportsRows,
  ReportingReportsUpdate,
  ReportingSharedRows,
  ReportingShareLinksCreate,
  ReportingShareLinksList,
  ReportingShareLinksRevoke,
  ReportRef,
  ReportRowsRequest,
  SaveReportRequest,
  SharedRowsRequest,
  ShareLinkRef,
  UpdateReportRequest,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { ReportsService } from './reports.service';
import { ShareLinksService } from './share-links.service';

/** `reporting.reports.*` and `reporting.share-links.*`. */
@Injectable()
export class ReportsHandler {
  constructor(
    private readonly reports: ReportsService,
    private readonly links: ShareLinksService,
  ) {}

  @OnRequest(ReportingReportsList)
  list() {
    return this.reports.list();
  }

  @OnRequest(ReportingReportsGet)
  get(req: ReportRef) {
    return this.reports.get(req.reportId);
  }

  @OnRequest(ReportingReportsCreate)
  create(req: SaveReportRequest) {
    return this.reports.create(req);
  }

  @OnRequest(ReportingReportsUpdate)
  update(req: UpdateReportRequest) {
    return this.reports.update(req);
  }

  @OnRequest(ReportingReportsDelete)
  delete(req: ReportRef) {
    return this.reports.delete(req.reportId);
  }

  @OnRequest(ReportingReportsRows)
  rows(req: ReportRowsRequest) {
    return this.reports.rowsOf(req.reportId, req.limit, req.cursor);
  }

  @OnRequest(ReportingShareLinksCreate)
  share(req: CreateShareLinkRequest) {
    return this.links.create(req.reportId, req.expiresInHours);
  }

  @OnRequest(ReportingShareLinksList)
  listLinks(req: ReportRef) {
    return this.links.list(req.reportId);
  }

  @OnRequest(ReportingShareLinksRevoke)
  revoke(req: ShareLinkRef) {
    return this.links.revoke(req.shareLinkId);
  }

  @OnRequest(ReportingSharedRows)
  shared(req: SharedRowsRequest) {
    return this.links.rows(req.token, req.limit, req.cursor);
  }
}
