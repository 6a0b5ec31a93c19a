import { VaultUnreachableError } from '../credentials/credential.resolver';

/**
 * How long a run waits before its next attempt after an unexpected error, doubling per attempt and
 * never past the lease. An unreachable vault gets a longer base: a restarting vault takes tens of
 * seconds to answer again, and five quick attempts would fail the run before it is back
 * (5 + 10 + 20 + 40 s with the default five attempts; other errors 0.5 + 1 + 2 + 4 s).
 */
export function retryDelayMs(error: unknown, attempts: number, leaseMs: number): number {
  const baseMs = error instanceof VaultUnreachableError ? 5_000 : 500;
  return Math.min(leaseMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
