import { Migration } from '@mikro-orm/migrations';
import { SCHEMA } from '../schema';

/**
 * A run's record type and preference, recorded once on its row when its first page arrives: every
 * page, the reconcile and `directory.sync.applied` of the run read them from there, so editing the
 * mapping definition mid-run cannot split one run between two settings.
 */
export class Migration20261202000000RunSettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table ${SCHEMA}.sync_run add column record_type text null, add column preference text null`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table ${SCHEMA}.sync_run drop column record_type, drop column preference`);
  }
}
