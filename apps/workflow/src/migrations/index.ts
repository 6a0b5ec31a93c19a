import type { MigrationObject } from '@mikro-orm/core';
import { messagingTablesChanges } from '@seatkeeper/platform-persistence';
import { SCHEMA } from '../schema';
import { Migration20261128000000Init } from './Migration20261128000000Init';
import { Migration20261202000000Workflows } from './Migration20261202000000Workflows';
import { Migration20261203000000RestoreResult } from './Migration20261203000000RestoreResult';

/** Every migration of the workflow schema, in order (listed: the bundle has no folder to scan). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128000000Init', class: Migration20261128000000Init },
  { name: 'Migration20261202000000Workflows', class: Migration20261202000000Workflows },
  { name: 'Migration20261203000000RestoreResult', class: Migration20261203000000RestoreResult },
  ...messagingTablesChanges(SCHEMA),
];
