import type { MigrationObject } from '@mikro-orm/core';
import { messagingTablesChanges } from '@seatkeeper/platform-persistence';
import { SCHEMA } from '../schema';
import { Migration20261128000000Init } from './Migration20261128000000Init';
import { Migration20261128010000GatewayAccess } from './Migration20261128010000GatewayAccess';

/** Every migration of the gateway schema, in order (listed: the bundle has no folder to scan). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128000000Init', class: Migration20261128000000Init },
  { name: 'Migration20261128010000GatewayAccess', class: Migration20261128010000GatewayAccess },
  ...messagingTablesChanges(SCHEMA),
];
