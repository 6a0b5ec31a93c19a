import { assertRule } from './check-rule';
import { daysAgoCutoff, parseRuleDate } from './operators';
import {
  Condition,
  FieldCatalog,
  FieldDefinition,
  isAll,
  isAny,
  isNot,
  Rule,
} from './rule.types';

export interface CompileOptions {
  /** The instant relative dates are measured from; pass the same `now` to `evaluate`. */
  now: Date;
  /** Number of the first `$n` placeholder (pg style only), for appending to a query. Default 1. */
  paramStart?: number;
  /** `pg`: `$1, $2, …` (node-postgres). `knex`: `?` (knex / MikroORM raw). Default `pg`. */
  placeholder?: 'pg' | 'knex';
}

export interface CompiledSql {
  /** A boolean SQL expression, never NULL, to put after `WHERE` (or inside a larger one). */
  sql: string;
  /** The values of the placeholders, in order. Rule values never appear in `sql`. */
  params: unknown[];
}

/**
 * Compiles a rule to a parameterised SQL boolean expression with the same meaning as `evaluate`.
 * The rule is checked first (`InvalidRuleError` if it does not check), so field names only ever
 * select trusted column expressions from the catalogue and every value becomes a parameter.
 *
 * Every condition compiles to an expression that is TRUE or FALSE, never NULL, so `NOT` and the
 * groups follow two-valued logic exactly like the in-memory evaluation.
 */
export function compileToSql(
  rule: unknown,
  catalog: FieldCatalog,
  options: CompileOptions,
): CompiledSql {
  const checked = assertRule(rule, catalog);
  if (Number.isNaN(options.now.getTime()))
    throw new Error('compileToSql: options.now is an invalid Date');
  const start = options.paramStart ?? 1;
  if (!Number.isInteger(start) || start < 1)
    throw new Error(
      `compileToSql: paramStart must be a positive integer, got ${start}`,
    );
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return options.placeholder === 'knex'
      ? '?'
      : `$${start + params.length - 1}`;
  };
  const walk = (node: Rule): string => {
    if (isAll(node)) return join(node.all.map(walk), 'AND', 'TRUE');
    if (isAny(node)) return join(node.any.map(walk), 'OR', 'FALSE');
    if (isNot(node)) return `(NOT ${walk(node.not)})`;
    return condition(node, catalog[node.field], param, options.now);
  };
  return { sql: walk(checked), params };
}

function join(
  parts: string[],
  operator: 'AND' | 'OR',
  empty: 'TRUE' | 'FALSE',
): string {
  if (parts.length === 0) return empty;
  if (parts.length === 1) return parts[0];
  return `(${parts.join(` ${operator} `)})`;
}

function condition(
  c: Condition,
  def: FieldDefinition,
  param: (value: unknown) => string,
  now: Date,
): string {
  const col = columnSql(def.column);
  const nullable = def.nullable !== false;
  /** `expr` is NULL only when the column is; this turns that NULL into FALSE. */
  const guarded = (expr: string) =>
    nullable ? `(${col} IS NOT NULL AND ${expr})` : `(${expr})`;
  /** Numbers are cast to numeric so `int_col = 1.5` compares instead of failing to parse. */
  const value = (v: unknown) =>
    def.type === 'number' ? `${param(v)}::numeric` : param(v);
  const values = () => (c.value as unknown[]).map(value).join(', ');
  switch (c.op) {
    case 'eq':
      return guarded(`${col} = ${value(c.value)}`);
    case 'neq':
      return nullable
        ? `(${col} IS DISTINCT FROM ${value(c.value)})`
        : `(${col} <> ${value(c.value)})`;
    case 'in':
      return (c.value as unknown[]).length === 0
        ? 'FALSE'
        : guarded(`${col} IN (${values()})`);
    case 'not_in':
      if ((c.value as unknown[]).length === 0) return 'TRUE';
      return nullable
        ? `(${col} IS NULL OR ${col} NOT IN (${values()}))`
        : `(${col} NOT IN (${values()}))`;
    case 'contains':
      return guarded(
        `${col} LIKE ${param(`%${escapeLike(c.value as string)}%`)} ESCAPE '\\'`,
      );
    case 'starts_with':
      return guarded(
        `${col} LIKE ${param(`${escapeLike(c.value as string)}%`)} ESCAPE '\\'`,
      );
    case 'is_empty':
      return def.type === 'string'
        ? `(${col} IS NULL OR ${col} = '')`
        : `(${col} IS NULL)`;
    case 'is_not_empty':
      return def.type === 'string'
        ? `(${col} IS NOT NULL AND ${col} <> '')`
        : `(${col} IS NOT NULL)`;
    case 'gt':
      return guarded(`${col} > ${value(c.value)}`);
    case 'gte':
      return guarded(`${col} >= ${value(c.value)}`);
    case 'lt':
      return guarded(`${col} < ${value(c.value)}`);
    case 'lte':
      return guarded(`${col} <= ${value(c.value)}`);
    case 'before':
      return guarded(`${col} < ${param(isoDate(c.value))}`);
    case 'after':
      return guarded(`${col} > ${param(isoDate(c.value))}`);
    case 'more_than_days_ago':
      return guarded(
        `${col} < ${param(daysAgoCutoff(now, c.value as number).toISOString())}`,
      );
    case 'less_than_days_ago':
      return guarded(
        `${col} > ${param(daysAgoCutoff(now, c.value as number).toISOString())}`,
      );
  }
}

/** Escapes LIKE's wildcards and its escape character, so the value matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** Rule dates go to SQL as UTC ISO strings, so their meaning does not depend on the session time zone. */
function isoDate(value: unknown): string {
  const date = parseRuleDate(value);
  if (!date)
    throw new Error(`compileToSql: not a rule date: ${JSON.stringify(value)}`);
  return date.toISOString();
}

const IDENT = '(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")';
const SIMPLE_COLUMN = new RegExp(`^${IDENT}(?:\\.${IDENT})*$`);

/** A column reference as is; any other expression in parentheses, so precedence cannot bite. */
function columnSql(column: string): string {
  return SIMPLE_COLUMN.test(column) ? column : `(${column})`;
}
