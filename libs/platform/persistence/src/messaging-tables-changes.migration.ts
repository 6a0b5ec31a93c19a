import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { MESSAGING_TABLES_CHANGES, type MessagingTablesChange } from './messaging-tables.sql';

/** The migrations every service lists after its own: one per change to its messaging tables. */
export function messagingTablesChanges(schema: string): MigrationObject[] {
  return MESSAGING_TABLES_CHANGES.map((change) => ({ name: change.name, class: migrationOf(change, schema) }));
}

function migrationOf(change: MessagingTablesChange, schema: string): MigrationObject['class'] {
  return class extends Migration {
    override async up(): Promise<void> {
      for (const sql of change.up(schema)) this.addSql(sql);
    }

    override async down(): Promise<void> {
      for (const sql of change.down(schema)) this.addSql(sql);
    }
  };
}
