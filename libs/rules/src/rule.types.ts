/**
 * The rule language: JSON condition trees. A rule is a group (`all` / `any` / `not`) or a
 * single condition on one catalogued field. The same rule is evaluated in memory
 * (`evaluate`) and compiled to a parameterised SQL `WHERE` (`compileToSql`) with one meaning.
 */

export const OPERATORS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'starts_with',
  'is_empty',
  'is_not_empty',
  'gt',
  'gte',
  'lt',
  'lte',
  'before',
  'after',
  'more_than_days_ago',
  'less_than_days_ago',
] as const;

export type Operator = (typeof OPERATORS)[number];

export interface Condition {
  field: string;
  op: Operator;
  value?: unknown;
}

export type Rule =
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule }
  | Condition;

export type FieldType = 'string' | 'number' | 'boolean' | 'date';

export interface FieldDefinition {
  type: FieldType;
  /**
   * The SQL expression the field compiles to, e.g. `p.email` or `"last_activity_at"`.
   * Trusted: it comes from code, never from the rule author.
   */
  column: string;
  /**
   * Whether the column can hold NULL. Defaults to `true`; `false` is a promise that the column is
   * NOT NULL and lets the compiler leave out null guards (simpler, index-friendlier SQL).
   */
  nullable?: boolean;
}

/** The fields a rule may name, by field name (e.g. `saasApp.name`). */
export type FieldCatalog = Record<string, FieldDefinition>;

export interface RuleError {
  /** Where in the rule, e.g. `all[1].value`; `''` is the rule itself. */
  path: string;
  message: string;
}

export type CheckResult =
  | { ok: true; rule: Rule }
  | { ok: false; errors: RuleError[] };

export function isAll(rule: Rule): rule is { all: Rule[] } {
  return 'all' in rule;
}

export function isAny(rule: Rule): rule is { any: Rule[] } {
  return 'any' in rule;
}

export function isNot(rule: Rule): rule is { not: Rule } {
  return 'not' in rule;
}

export function isCondition(rule: Rule): rule is Condition {
  return 'field' in rule;
}
