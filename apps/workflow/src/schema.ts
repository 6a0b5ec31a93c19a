/** The workflow service owns this schema and no other. */
export const SCHEMA = 'workflow';
