import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface CorrelationScope {
  correlationId: string;
  /** The id of the request or event being handled; becomes `causationId` of what it publishes. */
  causationId: string | null;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

/** Carries the correlation id across HTTP, NATS and the log lines in between. */
export const Correlation = {
  run<T>(scope: Partial<CorrelationScope>, fn: () => T): T {
    return storage.run(
      { correlationId: scope.correlationId || randomUUID(), causationId: scope.causationId ?? null },
      fn,
    );
  },
  current(): CorrelationScope | undefined {
    return storage.getStore();
  },
  /** The current correlation id, or a fresh one when nothing started a chain. */
  id(): string {
    return storage.getStore()?.correlationId ?? randomUUID();
  },
};

export const CORRELATION_HEADER = 'x-correlation-id';
export const REQUEST_ID_HEADER = 'x-request-id';
