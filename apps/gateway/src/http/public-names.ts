/**
 * The one naming rule between the contracts (camelCase) and the public REST API (snake_case):
 * an upper-case letter becomes `_` and its lower-case (`secretHint` → `secret_hint`); digits stay
 * where they are (`oauth2` → `oauth2`, not lodash's `oauth_2`). Every resource maps its bodies
 * and answers with these two functions instead of a hand-written mapper each, and the types below
 * let the compiler hold a public DTO class to the contract it shows (`implements SnakeCased<View>`).
 */
export type SnakeKey<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeKey<Rest>}`
  : S;

export type CamelKey<S extends string> = S extends `${infer Head}_${infer C}${infer Rest}`
  ? `${Head}${Uppercase<C>}${CamelKey<Rest>}`
  : S;

/** `T` with every key renamed by {@link SnakeKey}, deeply; the values under the keys in `Keep` are left as they are. */
export type SnakeCased<T, Keep extends string = never> = T extends readonly (infer U)[]
  ? SnakeCased<U, Keep>[]
  : T extends Date
    ? T
    : T extends object
      ? { [K in keyof T as K extends string ? SnakeKey<K> : K]: K extends Keep ? T[K] : SnakeCased<T[K], Keep> }
      : T;

/** `T` with every key renamed by {@link CamelKey}, deeply; the values under the keys in `Keep` are left as they are. */
export type CamelCased<T, Keep extends string = never> = T extends readonly (infer U)[]
  ? CamelCased<U, Keep>[]
  : T extends Date
    ? T
    : T extends object
      ? { [K in keyof T as K extends string ? CamelKey<K> : K]: K extends Keep ? T[K] : CamelCased<T[K], Keep> }
      : T;

export function snakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function camelKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function renamed(value: unknown, rename: (key: string) => string, keep: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => renamed(v, rename, keep));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [rename(k), keep.includes(k) ? v : renamed(v, rename, keep)]),
  );
}

/**
 * A contract's answer in the public API's words. `keep` names the fields (by their contract name)
 * whose values are data rather than shape — user-chosen keys, vendor records — and must not be renamed.
 */
export function toSnakeCase<T, const Keep extends string = never>(value: T, keep: readonly Keep[] = []): SnakeCased<T, Keep> {
  return renamed(value, snakeKey, keep) as SnakeCased<T, Keep>;
}

/** A validated public body in the contract's words (the inverse of {@link toSnakeCase}); `keep` by public name. */
export function toCamelCase<T, const Keep extends string = never>(value: T, keep: readonly Keep[] = []): CamelCased<T, Keep> {
  return renamed(value, camelKey, keep) as CamelCased<T, Keep>;
}
