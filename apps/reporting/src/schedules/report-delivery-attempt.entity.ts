import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One attempt of a delivery (table `report_delivery_attempt`, keyed by delivery and attempt number). */
@Entity({ tableName: 'report_delivery_attempt' })
export class ReportDeliveryAttempt {
  @PrimaryKey({ type: 'uuid', fieldName: 'delivery_id' })
  deliveryId!: string;

  @PrimaryKey({ type: 'integer' })
  attempt!: number;

  @Property({ type: 'timestamptz', fieldName: 'started_at' })
  startedAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'finished_at' })
  finishedAt!: Date;

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
