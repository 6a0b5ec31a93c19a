/**
 * Error kinds that decide what happens to a message. Handlers throw these (or anything else,
 * which counts as transient); one place, the ack policy, turns the kind into ack / nak / term.
 */
export abstract class MessagingError extends Error {
  abstract readonly kind: 'permanent' | 'transient' | 'out-of-order';
}

/** Retrying will not help (bad data, a broken invariant): dead-letter and terminate at once. */
export class PermanentMessageError extends MessagingError {
  readonly kind = 'permanent' as const;
  constructor(message: string, readonly details?: unknown) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}

/** Worth retrying after a delay (a dependency is down, a lock timed out). */
export class TransientMessageError extends MessagingError {
  readonly kind = 'transient' as const;
  constructor(message: string) {
    super(message);
    this.name = 'TransientMessageError';
  }
}

/** An event arrived before its entity's predecessor: redeliver shortly, do not count as a failure. */
export class OutOfOrderError extends MessagingError {
  readonly kind = 'out-of-order' as const;
  constructor(entityKey: string, expected: number, got: number) {
    super(`Event ${got} of ${entityKey} arrived before ${expected}`);
    this.name = 'OutOfOrderError';
  }
}
