/** ISO-8601 without milliseconds, as PagerDuty prints timestamps (e.g. 2025-03-04T09:30:51Z). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** JSON string literal. Fast path for the plain ASCII seeded data. */
export function str(s: string): string {
  return /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(s) ? `"${s}"` : JSON.stringify(s);
}
