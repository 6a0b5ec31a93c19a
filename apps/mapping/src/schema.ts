/** The mapping service owns this schema and no other. */
export const SCHEMA = 'mapping';
