import type { MigrationObject } from '@mikro-orm/core';
import { messagingTablesChanges } from '@seatkeeper/platform-persistence';
import { SCHEMA } from '../schema';
import { Migration20261128000000Init } from './Migration20261128000000Init';
import { Migration20261128010000Directory } from './Migration20261128010000Directory';
import { Migration20261202000000RunSettings } from './Migration20261202000000RunSettings';

/** Every migration of the mapping schema, in order (listed: the bundle has no folder to scan). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128000000Init', class: Migration20261128000000Init },
  { name: 'Migration20261128010000Directory', class: Migration20261128010000Directory },
  { name: 'Migration20261202000000RunSettings', class: Migration20261202000000RunSettings },
  ...messagingTablesChanges(SCHEMA),
];
