import { createOrmConfig } from '@seatkeeper/platform-persistence';
import type { ReportingEnv } from './config/reporting.env';
import { Dashboard } from './dashboards/dashboard.entity';
import { migrations } from './migrations';
import { Report } from './reports/report.entity';
import { ShareLink } from './reports/share-link.entity';
import { ReportDeliveryAttempt } from './schedules/report-delivery-attempt.entity';
import { ReportDelivery } from './schedules/report-delivery.entity';
import { ReportSchedule } from './schedules/report-schedule.entity';
import { SCHEMA } from './schema';
import { SavedView } from './views/saved-view.entity';

/** Reporting's configuration tables; the read models (rm_*) are written set-based by their repositories. */
export const REPORTING_ENTITIES = [SavedView, Dashboard, Report, ShareLink, ReportSchedule, ReportDelivery, ReportDeliveryAttempt];

export const ormConfig = (env: ReportingEnv) =>
  createOrmConfig({
    schema: SCHEMA,
    databaseUrl: env.DATABASE_URL,
    entities: REPORTING_ENTITIES,
    migrations,
    poolMax: env.DATABASE_POOL_MAX,
  });
