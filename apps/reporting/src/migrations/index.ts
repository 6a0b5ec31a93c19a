import type { MigrationObject } from '@mikro-orm/core';
import { messagingTablesChanges } from '@seatkeeper/platform-persistence';
import { SCHEMA } from '../schema';
import { Migration20261128000000Init } from './Migration20261128000000Init';
import { Migration20261202000000ReadModels } from './Migration20261202000000ReadModels';
import { Migration20261203000000DeliveryAttempts } from './Migration20261203000000DeliveryAttempts';

/** Every migration of the reporting schema, in order (listed: the bundle has no folder to scan). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128000000Init', class: Migration20261128000000Init },
  { name: 'Migration20261202000000ReadModels', class: Migration20261202000000ReadModels },
  { name: 'Migration20261203000000DeliveryAttempts', class: Migration20261203000000DeliveryAttempts },
  ...messagingTablesChanges(SCHEMA),
];
