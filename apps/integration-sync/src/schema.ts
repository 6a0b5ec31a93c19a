/** The integration-sync service owns this schema and no other. */
export const SCHEMA = 'sync';
