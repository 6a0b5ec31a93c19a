import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { ReportFormat } from '@seatkeeper/contracts';

/** A report schedule (table `report_schedule`): cron + time zone → a webhook. Deleted with its report. */
@Entity({ tableName: 'report_schedule' })
export class ReportSchedule {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'report_id' })
  reportId!: string;

  @Property({ type: 'text' })
  cron!: string;

  @Property({ type: 'text', fieldName: 'time_zone' })
  timeZone!: string;

  @Property({ type: 'text' })
  format!: ReportFormat;

  @Property({ type: 'text', fieldName: 'webhook_url' })
  webhookUrl!: string;

  @Property({ type: 'boolean' })
  enabled: boolean & Opt = true;

  @Property({ type: 'timestamptz', fieldName: 'next_run_at' })
  nextRunAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'created_at', defaultRaw: 'now()' })
  createdAt!: Date & Opt;

  @Property({ type: 'timestamptz', fieldName: 'updated_at', defaultRaw: 'now()' })
  updatedAt!: Date & Opt;
}
