import { Migration } from '@mikro-orm/migrations';
import { SCHEMA } from '../schema';

const q = (): string => `"${SCHEMA}"`;

/** Who restored a kit's account and what the restore did (answered again when it is repeated). */
export class Migration20261203000000RestoreResult extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table ${q()}.restore_kit add column restored_by text null, add column restore_result jsonb null`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table ${q()}.restore_kit drop column if exists restored_by, drop column if exists restore_result`);
  }
}
