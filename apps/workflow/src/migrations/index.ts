import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128000000Init } from './Migration20261128000000Init';

/** Every migration of the workflow schema, in order (listed: the bundle has no folder to scan). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128000000Init', class: Migration20261128000000Init },
];
