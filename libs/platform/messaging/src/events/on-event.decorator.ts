import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '@seatkeeper/contracts';

export const ON_EVENT = Symbol('seatkeeper:on-event');

export interface OnEventMetadata {
  definition: EventDefinition;
  /**
   * The durable consumer this handler belongs to (default: the event's stream). All handlers of
   * one group share one consumer, one inbox and one order per entity.
   */
  group?: string;
  /** Set by `@OnEvents`: the method takes an array of events. */
  many?: boolean;
}

/**
 * Marks a method as the handler of an event. It is called as `(event, em)` inside a transaction
 * that also records the inbox entry, after the payload was validated against its contract class.
 */
export const OnEvent = (definition: EventDefinition, options: { group?: string } = {}) =>
  SetMetadata<symbol, OnEventMetadata>(ON_EVENT, { definition, group: options.group });

/**
 * Marks a method as the set-based handler of an event: it is called as `(events, em)` with the
 * events of this type of a pulled batch (stream order; duplicates and stale ones already left
 * out; events of other types for *other* entities may be applied before or after them, one
 * entity's events never out of order — see handlerGroups), inside the batch's transaction, so it
 * can apply them in one statement. The same entity may appear more than once.
 * Alone (or when its batch failed and events are retried one at a time) it gets one event.
 * Outbox events it writes carry the first event's correlation id.
 */
export const OnEvents = (definition: EventDefinition, options: { group?: string } = {}) =>
  SetMetadata<symbol, OnEventMetadata>(ON_EVENT, { definition, group: options.group, many: true });
