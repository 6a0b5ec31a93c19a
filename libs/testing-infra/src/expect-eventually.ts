export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Retries an assertion until it passes or the time is up, then rethrows its last failure.
 * The way to await an asynchronous outcome in a test: no sleeps.
 */
export async function expectEventually<T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 50 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await assertion();
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (lastError instanceof Error) {
    lastError.message = `expectEventually: still failing after ${timeoutMs} ms\n${lastError.message}`;
  }
  throw lastError;
}
