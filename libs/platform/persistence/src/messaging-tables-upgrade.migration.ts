import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { messagingTablesUpgradeSql } from './messaging-tables.sql';

/** The migration every service lists after its own, to bring its messaging tables up to date. */
export function messagingTablesUpgrade(schema: string): MigrationObject {
  const { up, down } = messagingTablesUpgradeSql(schema);
  class MessagingTablesUpgrade extends Migration {
    override async up(): Promise<void> {
      for (const sql of up) this.addSql(sql);
    }

    override async down(): Promise<void> {
      for (const sql of down) this.addSql(sql);
    }
  }
  return { name: 'Migration20261204000000MessagingTablesUpgrade', class: MessagingTablesUpgrade };
}
