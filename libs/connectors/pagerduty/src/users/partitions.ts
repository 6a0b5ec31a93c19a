/**
 * Partitions of the user list for accounts past PagerDuty's 10,000-offset cap.
 *
 * `GET /users?query=` is a case-insensitive substring match on name and email. Every email has
 * exactly one `@` with at least one character before it, so the queries `<c>@` for every character
 * `c` allowed before an `@` split the account into disjoint parts that together hold every user
 * (a name containing `@` only adds an overlap, removed by deduplication). A part still above the
 * cap is split again by one more character in front (`<d><c>@`), and so on.
 */
export const EMAIL_LOCAL_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789',
  ...".!#$%&'*+/=?^_`{|}~-",
];

/** PagerDuty refuses `offset + limit > 10000`. */
export const OFFSET_CAP = 10_000;

/** Deepest split before a part is reported as impossible to enumerate (a pathological account). */
export const MAX_PARTITION_DEPTH = 12;

export function rootPartitions(): string[] {
  return EMAIL_LOCAL_CHARS.map((c) => `${c}@`);
}

/** The sub-parts of a part that holds more than the cap. */
export function refinePartition(query: string): string[] {
  return EMAIL_LOCAL_CHARS.map((c) => `${c}${query}`);
}

export function partitionDepth(query: string): number {
  return query.length - 1;
}
