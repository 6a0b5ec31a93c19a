import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { DeliveryView } from '@seatkeeper/contracts';

/** One due time of a schedule delivered (table `report_delivery`, unique per schedule and due time). */
@Entity({ tableName: 'report_delivery' })
export class ReportDelivery {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'schedule_id' })
  scheduleId!: string;

  @Property({ type: 'timestamptz', fieldName: 'due_at' })
  dueAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'started_at' })
  startedAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @Property({ type: 'text' })
  status!: DeliveryView['status'];

  @Property({ type: 'integer', fieldName: 'http_status', nullable: true })
  httpStatus!: number | null;

  @Property({ type: 'integer', nullable: true })
  rows!: number | null;

  /** bigint: the driver hands it out as a string. */
  @Property({ type: 'bigint', nullable: true })
  bytes!: string | null;

  @Property({ type: 'text', nullable: true })
  error!: string | null;
}
