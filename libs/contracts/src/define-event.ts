import { EVENT_SUBJECT_PATTERN } from './envelope';

export type PayloadClass<P extends object = object> = new () => P;

/** One event: its subject (which carries the version) and the class that validates its payload. */
export interface EventDefinition<S extends string = string, P extends object = object> {
  readonly kind: 'event';
  readonly subject: S;
  /** First token of the subject: the producing context, e.g. `sync`. */
  readonly context: string;
  readonly version: number;
  readonly payload: PayloadClass<P>;
}

export type PayloadOf<D> = D extends EventDefinition<string, infer P> ? P : never;

const registry = new Map<string, EventDefinition>();

/**
 * Declares an event once. Registering the same subject twice is a programming error: it is how a
 * subject and its payload could drift apart.
 */
export function defineEvent<const S extends string, P extends object>(
  subject: S,
  payload: PayloadClass<P>,
): EventDefinition<S, P> {
  if (!EVENT_SUBJECT_PATTERN.test(subject)) {
    throw new Error(`Event subject "${subject}" is not <context>.<entity>.<event>.v<N>`);
  }
  if (registry.has(subject)) {
    throw new Error(`Event subject "${subject}" is defined twice`);
  }
  const [context, , , version] = subject.split('.');
  const definition: EventDefinition<S, P> = {
    kind: 'event',
    subject,
    context: context as string,
    version: Number((version as string).slice(1)),
    payload,
  };
  registry.set(subject, definition as EventDefinition);
  return definition;
}

/** Every event declared so far in this process (contracts' own events are declared on import). */
export function registeredEvents(): readonly EventDefinition[] {
  return [...registry.values()];
}
