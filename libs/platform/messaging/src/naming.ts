import { STREAM_BY_CONTEXT, type EventDefinition } from '@seatkeeper/contracts';

/**
 * Maps the contract's logical names onto the wire. With a prefix `t42.`, the subject
 * `sync.batch.fetched.v1` travels as `t42.sync.batch.fetched.v1` in stream `T42_SYNC`.
 */
export class Naming {
  constructor(readonly prefix = '') {}

  subject(logical: string): string {
    return this.prefix + logical;
  }

  logicalSubject(wire: string): string {
    return this.prefix && wire.startsWith(this.prefix) ? wire.slice(this.prefix.length) : wire;
  }

  stream(name: string): string {
    const p = this.prefix.replace(/\.$/, '').replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase();
    return p ? `${p}_${name}` : name;
  }

  streamOf(definition: EventDefinition): string {
    const name = (STREAM_BY_CONTEXT as Record<string, string>)[definition.context];
    if (!name) throw new Error(`No stream for event context "${definition.context}"`);
    return this.stream(name);
  }

  /** Durable names may not contain dots or spaces. */
  durable(service: string, group: string): string {
    return `${this.prefix}${service}-${group}`.replace(/[^A-Za-z0-9_-]/g, '_');
  }

  queue(service: string): string {
    return `${this.prefix}${service}`;
  }
}

/** Streams for the given contexts, each holding exactly the subjects of that context's events. */
export function streamsFor(
  events: readonly EventDefinition[],
  contexts: readonly string[],
): { name: string; subjects: string[] }[] {
  return contexts.map((context) => {
    const name = (STREAM_BY_CONTEXT as Record<string, string>)[context];
    if (!name) throw new Error(`No stream for event context "${context}"`);
    return { name, subjects: events.filter((e) => e.context === context).map((e) => e.subject) };
  });
}
