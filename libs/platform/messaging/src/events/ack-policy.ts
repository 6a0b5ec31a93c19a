import type { ConsumerOptions } from '../messaging.options';
import { MessagingError } from '../errors';

export type AckDecision =
  | { action: 'ack' }
  | { action: 'nak'; delayMs: number }
  | { action: 'dead-letter'; reason: string };

/**
 * The one place that turns the outcome of handling a message into ack / nak(delay) / term.
 * `deliveries` is JetStream's delivery count for the message (1 on first delivery).
 */
export function decideAck(error: unknown, deliveries: number, options: ConsumerOptions): AckDecision {
  if (error === undefined) return { action: 'ack' };
  const kind = error instanceof MessagingError ? error.kind : 'transient';
  if (kind === 'permanent') {
    return { action: 'dead-letter', reason: `rejected: ${(error as Error).message}` };
  }
  if (kind === 'out-of-order') {
    return { action: 'nak', delayMs: options.gapDelayMs };
  }
  if (deliveries >= options.maxDeliveries) {
    return {
      action: 'dead-letter',
      reason: `poison: failed ${deliveries} times, last error: ${(error as Error)?.message ?? String(error)}`,
    };
  }
  const { backoffMs } = options;
  const delay = backoffMs[Math.min(deliveries - 1, backoffMs.length - 1)] ?? 1000;
  // Jitter spreads the retries of many failing messages so they do not return as one wave.
  return { action: 'nak', delayMs: Math.round(delay * (0.8 + Math.random() * 0.4)) };
}
