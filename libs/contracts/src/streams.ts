/**
 * One JetStream stream per producing context (DESIGN §5). The stream's subjects are the
 * subjects of the events declared for that context, so request-reply subjects never land in one.
 */
export const STREAM_BY_CONTEXT = {
  sync: 'SYNC',
  directory: 'DIRECTORY',
  workflow: 'WORKFLOW',
  vault: 'VAULT',
} as const;

export type EventContext = keyof typeof STREAM_BY_CONTEXT;
