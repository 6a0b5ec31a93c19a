import * as events from './events';
import type { EventDefinition, PayloadOf } from './define-event';

type Definitions = { [K in keyof typeof events]: (typeof events)[K] }[keyof typeof events];
type EventDefinitions = Extract<Definitions, EventDefinition>;

/** Subject → payload type, for every event Seatkeeper publishes. `publish(subject, payload)` is checked against it. */
export type EventMap = { [D in EventDefinitions as D['subject']]: PayloadOf<D> };
export type EventSubject = keyof EventMap;

/** Every contract event, for stream set-up and the AsyncAPI document. */
export const ALL_EVENTS: readonly EventDefinition[] = (Object.values(events) as unknown[]).filter(
  (value): value is EventDefinition =>
    typeof value === 'object' && value !== null && (value as EventDefinition).kind === 'event',
);
