/** The credential-vault service owns this schema and no other. */
export const SCHEMA = 'vault';
