/** The gateway service owns this schema and no other. */
export const SCHEMA = 'gateway';
