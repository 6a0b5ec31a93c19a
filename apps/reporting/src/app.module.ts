import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENTS } from '@seatkeeper/contracts';
import { streamsFor } from '@seatkeeper/platform-messaging';
import { serviceModule } from '@seatkeeper/platform-service';
import { ListRepository } from './catalog/list.repository';
import { SaasAppCatalog } from './catalog/saas-app.catalog';
import { ReportingEnv } from './config/reporting.env';
import { ActiveSeriesRepository } from './dashboards/active-series.repository';
import { DashboardsHandler } from './dashboards/dashboards.handler';
import { DashboardsRepository } from './dashboards/dashboards.repository';
import { DashboardsService } from './dashboards/dashboards.service';
import { SavingsRepository } from './dashboards/savings.repository';
import { SavingsService } from './dashboards/savings.service';
import { ormConfig } from './mikro-orm.config';
import { DirectoryEventsConsumer } from './projections/directory-events.consumer';
import { DirectoryProjection } from './projections/directory.projection';
import { SyncEventsConsumer } from './projections/sync-events.consumer';
import { WorkflowEventsConsumer } from './projections/workflow-events.consumer';
import { WorkflowProjection } from './projections/workflow.projection';
import { DirectoryReadModelRepository } from './read-models/directory.repository';
import { SaasAppsRepository } from './read-models/saas-apps.repository';
import { SyncRunsRepository } from './read-models/sync-runs.repository';
import { WorkflowReadModelRepository } from './read-models/workflow.repository';
import { ReportsHandler } from './reports/reports.handler';
import { ReportsRepository } from './reports/reports.repository';
import { ReportsService } from './reports/reports.service';
import { ShareLinksRepository } from './reports/share-links.repository';
import { ShareLinksService } from './reports/share-links.service';
import { ScheduleRunner } from './schedules/schedule.runner';
import { SchedulesHandler } from './schedules/schedules.handler';
import { SchedulesRepository } from './schedules/schedules.repository';
import { SchedulesService } from './schedules/schedules.service';
import { ViewsHandler } from './views/views.handler';
import { SavedViewsRepository } from './views/saved-views.repository';
import { ViewsService } from './views/views.service';

@Module({})
export class AppModule {
  static forRoot(env: ReportingEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'reporting',
      env,
      orm: ormConfig(env),
      // Reporting produces no events. The streams it reads are declared too so that its durable
      // consumers bind even when it starts before their producers (ensureStreams only adds subjects).
      streams: streamsFor(ALL_EVENTS, ['directory', 'sync', 'workflow']),
      imports: [],
      providers: [
        { provide: ReportingEnv, useValue: env },
        SaasAppsRepository,
        SaasAppCatalog,
        ListRepository,
        DirectoryReadModelRepository,
        DirectoryProjection,
        DirectoryEventsConsumer,
        SyncRunsRepository,
        WorkflowReadModelRepository,
        WorkflowProjection,
        SyncEventsConsumer,
        WorkflowEventsConsumer,
        SavedViewsRepository,
        ViewsService,
        ViewsHandler,
        SavingsRepository,
        SavingsService,
        ActiveSeriesRepository,
        DashboardsRepository,
        DashboardsService,
        DashboardsHandler,
        ReportsRepository,
        ReportsService,
        ShareLinksRepository,
        ShareLinksService,
        ReportsHandler,
        SchedulesRepository,
        SchedulesService,
        SchedulesHandler,
        ScheduleRunner,
      ],
    });
  }
}
