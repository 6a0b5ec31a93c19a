import type { MigrationObject } from '@mikro-orm/core';
import { messagingTablesChanges } from '@seatkeeper/platform-persistence';
import { SCHEMA } from '../schema';
import { Migration20261128000000Init } from './Migration20261128000000Init';
import { Migration20261128020000SyncIntegrations } from './Migration20261128020000SyncIntegrations';
import { Migration20261128030000RunAttempts } from './Migration20261128030000RunAttempts';

/** Every migration of the sync schema, in order (listed: the bundle has no folder to scan). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128000000Init', class: Migration20261128000000Init },
  { name: 'Migration20261128020000SyncIntegrations', class: Migration20261128020000SyncIntegrations },
  { name: 'Migration20261128030000RunAttempts', class: Migration20261128030000RunAttempts },
  ...messagingTablesChanges(SCHEMA),
];
