import type { EventDefinition } from '@seatkeeper/contracts';

export interface OutboxAddOptions {
  /** The entity the event is about; events with one key are applied in order by every consumer. */
  entityKey?: string;
  correlationId?: string;
  causationId?: string | null;
  occurredAt?: Date;
}

/** One event to write, of any type: `addAll` takes a mix (a sync batch emits person and SaaS-user events). */
export interface PendingEvent<P extends object = object> extends OutboxAddOptions {
  definition: EventDefinition<string, P>;
  data: P;
}
