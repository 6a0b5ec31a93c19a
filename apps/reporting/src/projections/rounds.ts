/**
 * Splits a run of events into rounds in which each key appears at most once: round 1 holds the
 * first event of every key, round 2 the second, and so on, each key's events keeping their
 * order. Applying the rounds one after another, each as one set-based statement, has the effect
 * of applying the events one at a time — a statement never meets the same row twice.
 */
export function inRounds<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    const round = seen.get(k) ?? 0;
    seen.set(k, round + 1);
    (rounds[round] ??= []).push(item);
  }
  return rounds;
}
