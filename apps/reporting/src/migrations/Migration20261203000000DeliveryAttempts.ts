import { Migration } from '@mikro-orm/migrations';
import { SCHEMA } from '../schema';

/** Scheduled deliveries are retried: every attempt at a delivery is kept, with its own outcome. */
export class Migration20261203000000DeliveryAttempts extends Migration {
  override async up(): Promise<void> {
    const s = `"${SCHEMA}"`;
    this.addSql(`create table ${s}.report_delivery_attempt (
      delivery_id uuid not null references ${s}.report_delivery (id) on delete cascade,
      attempt int not null,
      started_at timestamptz not null,
      finished_at timestamptz not null,
      http_status int null,
      rows int null,
      bytes bigint null,
      error text null,
      primary key (delivery_id, attempt))`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "${SCHEMA}"."report_delivery_attempt"`);
  }
}
