import { Module } from '@nestjs/common';
import { DashboardsController } from './dashboards.controller';
import { ReportingService } from './reporting.service';
import { ReportsController } from './reports.controller';
import { SharedReportsController } from './shared-reports.controller';
import { ViewsController } from './views.controller';

/** /api/v1/{entities,views,dashboards,savings,reports,share-links,report-schedules,shared-reports} onto the reporting service. */
@Module({ controllers: [ViewsController, DashboardsController, ReportsController, SharedReportsController], providers: [ReportingService] })
export class ReportingModule {}
