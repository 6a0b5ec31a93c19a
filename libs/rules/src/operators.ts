import { FieldType, Operator } from './rule.types';

/**
 * What each operator accepts: the field types it applies to and the shape of its `value`.
 * `checkRule` enforces this table; `evaluate` and `compileToSql` rely on it having been enforced.
 */
export type ValueKind =
  /** No `value` at all (is_empty, is_not_empty). */
  | 'none'
  /** One value of the field's type (string / finite number / boolean). */
  | 'scalar'
  /** An array of values of the field's type (at most MAX_LIST_LENGTH, no nulls). */
  | 'list'
  /** A non-empty string, matched literally (no wildcards). */
  | 'text'
  /** An ISO 8601 date (`2025-01-31`, UTC midnight) or date-time with an offset (`…Z`, `…+02:00`). */
  | 'date'
  /** A whole number of days, 0 ≤ N ≤ MAX_DAYS. */
  | 'days';

export interface OperatorSpec {
  types: readonly FieldType[];
  value: ValueKind;
  /** A short human description, for error messages and UIs. */
  label: string;
}

export const OPERATOR_SPECS: Record<Operator, OperatorSpec> = {
  eq: {
    types: ['string', 'number', 'boolean'],
    value: 'scalar',
    label: 'equals',
  },
  neq: {
    types: ['string', 'number', 'boolean'],
    value: 'scalar',
    label: 'does not equal',
  },
  in: { types: ['string', 'number'], value: 'list', label: 'is one of' },
  not_in: { types: ['string', 'number'], value: 'list', label: 'is none of' },
  contains: { types: ['string'], value: 'text', label: 'contains' },
  starts_with: { types: ['string'], value: 'text', label: 'starts with' },
  is_empty: {
    types: ['string', 'number', 'boolean', 'date'],
    value: 'none',
    label: 'is empty',
  },
  is_not_empty: {
    types: ['string', 'number', 'boolean', 'date'],
    value: 'none',
    label: 'is not empty',
  },
  gt: { types: ['number'], value: 'scalar', label: 'is greater than' },
  gte: { types: ['number'], value: 'scalar', label: 'is at least' },
  lt: { types: ['number'], value: 'scalar', label: 'is less than' },
  lte: { types: ['number'], value: 'scalar', label: 'is at most' },
  before: { types: ['date'], value: 'date', label: 'is before' },
  after: { types: ['date'], value: 'date', label: 'is after' },
  more_than_days_ago: {
    types: ['date'],
    value: 'days',
    label: 'is more than N days ago',
  },
  less_than_days_ago: {
    types: ['date'],
    value: 'days',
    label: 'is less than N days ago',
  },
};

/** Limits `checkRule` enforces. */
export const MAX_DEPTH = 10;
export const MAX_CONDITIONS = 200;
export const MAX_LIST_LENGTH = 1000;
export const MAX_DAYS = 100_000;

export const MS_PER_DAY = 86_400_000;

export function isOperator(op: unknown): op is Operator {
  return (
    typeof op === 'string' &&
    Object.prototype.hasOwnProperty.call(OPERATOR_SPECS, op)
  );
}

/** The operators a field of this type allows, in table order. */
export function operatorsFor(type: FieldType): Operator[] {
  return (Object.keys(OPERATOR_SPECS) as Operator[]).filter((op) =>
    OPERATOR_SPECS[op].types.includes(type),
  );
}

/**
 * `now − N days` as an instant: N × 24 h (not calendar days, so DST does not matter). Both
 * `evaluate` and `compileToSql` use this one cutoff, computed in JS from the injected `now`.
 */
export function daysAgoCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * MS_PER_DAY);
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * Parses a rule's date value: `YYYY-MM-DD` (UTC midnight) or an ISO date-time with `Z` or an
 * offset. Date-times without an offset are refused (their meaning would depend on a time zone).
 * Fractions finer than a millisecond are truncated. Returns undefined when not such a date.
 */
export function parseRuleDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (
    year < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  )
    return undefined;
  if (
    m[4] !== undefined &&
    (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)
  )
    return undefined;
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59))
    return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    month - 1
  ];
}
