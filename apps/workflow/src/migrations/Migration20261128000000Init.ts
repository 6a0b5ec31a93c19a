import { Migration } from '@mikro-orm/migrations';
import { messagingTablesSql } from '@seatkeeper/platform-persistence';
import { SCHEMA } from '../schema';

/** The workflow schema's first state: the outbox, inbox and dead-letter tables. */
export class Migration20261128000000Init extends Migration {
  override async up(): Promise<void> {
    for (const sql of messagingTablesSql(SCHEMA)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const table of ['dead_letter', 'inbox_entity_cursor', 'inbox', 'outbox_entity_seq', 'outbox']) {
      this.addSql(`drop table if exists "${SCHEMA}"."${table}"`);
    }
  }
}
