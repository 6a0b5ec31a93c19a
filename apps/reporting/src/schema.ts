/** The reporting service owns this schema and no other. */
export const SCHEMA = 'reporting';
