/** The six services of Seatkeeper; the names are used as NATS queue groups and event sources. */
export const SERVICE_NAMES = [
  'gateway',
  'credential-vault',
  'integration-sync',
  'mapping',
  'workflow',
  'reporting',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];
