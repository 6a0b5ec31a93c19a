import { daysAgoCutoff, parseRuleDate } from './operators';
import {
  Condition,
  isAll,
  isAny,
  isCondition,
  isNot,
  Rule,
} from './rule.types';

export interface EvaluateOptions {
  /** The instant relative dates are measured from; pass the same `now` to `compileToSql`. */
  now: Date;
  /**
   * Reads a field from a record. Default: the own or inherited property named exactly like the
   * field (`record["saasApp.name"]`) if there is one, else the dotted path (`record.saasApp.name`).
   */
  resolve?: (record: object, field: string) => unknown;
}

/**
 * Evaluates a checked rule against one record, in memory. `null`, `undefined` and a missing
 * property all mean "no value" (SQL NULL); see README.md for each operator's meaning. Throws on
 * a malformed rule — run `checkRule` on untrusted input first.
 */
export function evaluate(
  rule: Rule,
  record: object,
  options: EvaluateOptions,
): boolean {
  const resolve = options.resolve ?? resolveField;
  const now = options.now.getTime();
  if (Number.isNaN(now))
    throw new Error('evaluate: options.now is an invalid Date');
  const walk = (node: Rule): boolean => {
    if (isAll(node)) return node.all.every(walk);
    if (isAny(node)) return node.any.some(walk);
    if (isNot(node)) return !walk(node.not);
    if (isCondition(node))
      return test(node, resolve(record, node.field), options.now);
    throw new Error(`evaluate: not a rule: ${JSON.stringify(node)}`);
  };
  return walk(rule);
}

/** The default field reader: exact property name first, then the dotted path. */
export function resolveField(record: object, field: string): unknown {
  if (field in record) return (record as Record<string, unknown>)[field];
  let current: unknown = record;
  for (const part of field.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function test(condition: Condition, actual: unknown, now: Date): boolean {
  const { op, value } = condition;
  switch (op) {
    case 'eq':
      return same(actual, value);
    case 'neq':
      return !same(actual, value);
    case 'in':
      return list(condition).some((v) => same(actual, v));
    case 'not_in':
      return !list(condition).some((v) => same(actual, v));
    case 'contains':
      return typeof actual === 'string' && actual.includes(text(condition));
    case 'starts_with':
      return typeof actual === 'string' && actual.startsWith(text(condition));
    case 'is_empty':
      return isEmpty(actual);
    case 'is_not_empty':
      return !isEmpty(actual);
    case 'gt':
      return compare(actual, condition, (a, b) => a > b);
    case 'gte':
      return compare(actual, condition, (a, b) => a >= b);
    case 'lt':
      return compare(actual, condition, (a, b) => a < b);
    case 'lte':
      return compare(actual, condition, (a, b) => a <= b);
    case 'before':
      return compareInstant(actual, ruleDate(condition), (a, b) => a < b);
    case 'after':
      return compareInstant(actual, ruleDate(condition), (a, b) => a > b);
    case 'more_than_days_ago':
      return compareInstant(
        actual,
        daysAgoCutoff(now, days(condition)).getTime(),
        (a, b) => a < b,
      );
    case 'less_than_days_ago':
      return compareInstant(
        actual,
        daysAgoCutoff(now, days(condition)).getTime(),
        (a, b) => a > b,
      );
    default:
      return malformed(condition);
  }
}

/** Equality of a record value with a rule value (never null): strict, case-sensitive. */
function same(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') return asNumber(actual) === expected;
  return actual === expected;
}

function isEmpty(actual: unknown): boolean {
  return actual === null || actual === undefined || actual === '';
}

function compare(
  actual: unknown,
  condition: Condition,
  cmp: (a: number, b: number) => boolean,
): boolean {
  if (typeof condition.value !== 'number') return malformed(condition);
  const n = asNumber(actual);
  return n !== undefined && cmp(n, condition.value);
}

function compareInstant(
  actual: unknown,
  bound: number,
  cmp: (a: number, b: number) => boolean,
): boolean {
  const t = asInstant(actual);
  return t !== undefined && cmp(t, bound);
}

/** Numbers as JS numbers (a bigint is converted); anything else is no number. */
function asNumber(actual: unknown): number | undefined {
  if (typeof actual === 'number')
    return Number.isNaN(actual) ? undefined : actual;
  if (typeof actual === 'bigint') return Number(actual);
  return undefined;
}

/** A record's date as epoch ms: a Date, an ISO string or epoch ms; anything else is no date. */
function asInstant(actual: unknown): number | undefined {
  let t: number;
  if (actual instanceof Date) t = actual.getTime();
  else if (typeof actual === 'string') t = Date.parse(actual);
  else if (typeof actual === 'number') t = actual;
  else return undefined;
  return Number.isFinite(t) ? t : undefined;
}

function list(condition: Condition): unknown[] {
  return Array.isArray(condition.value)
    ? condition.value
    : malformed(condition);
}

function text(condition: Condition): string {
  return typeof condition.value === 'string'
    ? condition.value
    : malformed(condition);
}

function ruleDate(condition: Condition): number {
  return parseRuleDate(condition.value)?.getTime() ?? malformed(condition);
}

function days(condition: Condition): number {
  return typeof condition.value === 'number'
    ? condition.value
    : malformed(condition);
}

function malformed(condition: Condition): never {
  throw new Error(
    `evaluate: malformed condition ${JSON.stringify(condition)}; run checkRule first`,
  );
}
