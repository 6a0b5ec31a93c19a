import { Migration } from '@mikro-orm/migrations';
import { SCHEMA } from '../schema';

/** Counts the attempts of a run, so a run that keeps failing in an unexpected way ends `failed` instead of looping. */
export class Migration20261128030000RunAttempts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "${SCHEMA}"."run" add column attempts int not null default 0`);
    // The apply-timeout sweep looks for runs waiting on mapping, oldest first.
    this.addSql(`create index run_applying_idx on "${SCHEMA}"."run" (fetched_at) where status = 'applying'`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "${SCHEMA}"."run_applying_idx"`);
    this.addSql(`alter table "${SCHEMA}"."run" drop column attempts`);
  }
}
