import { FieldCatalog } from '../src/rule.types';

/** A catalogue shaped like the product's: used by the unit specs (not exported from the lib). */
export const TEST_CATALOG: FieldCatalog = {
  type: { type: 'string', column: 'a.type', nullable: false },
  role: { type: 'string', column: 'a.role' },
  email: { type: 'string', column: 'p.email' },
  'saasApp.name': { type: 'string', column: 's.name', nullable: false },
  seats: { type: 'number', column: 'l.seats' },
  admin: { type: 'boolean', column: 'a.is_admin' },
  lastActivityAt: { type: 'date', column: '"last_activity_at"' },
  displayName: { type: 'string', column: 'coalesce(p.display_name, p.email)' },
};

export const NOW = new Date('2025-06-15T12:00:00.000Z');
