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
}

/**
 * Marks a method as the handler of an event. It is called as `(event, em)` inside a transaction
 * that also records the inbox entry, after the payload was validated against its contract class.
 */
export const OnEvent = (definition: EventDefinition, options: { group?: string } = {}) =>
  SetMetadata<symbol, OnEventMetadata>(ON_EVENT, { definition, group: options.group });
