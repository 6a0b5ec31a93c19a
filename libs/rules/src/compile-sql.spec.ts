import { InvalidRuleError } from './check-rule';
import { compileToSql, escapeLike } from './compile-sql';
import { Rule } from './rule.types';
import { NOW, TEST_CATALOG } from '../test/test-catalog';

const compile = (
  rule: Rule,
  options: Partial<Parameters<typeof compileToSql>[2]> = {},
) => compileToSql(rule, TEST_CATALOG, { now: NOW, ...options });

describe(compileToSql.name, () => {
  it('compiles the workflow begin rule from the issue to parameterised SQL', () => {
    const rule: Rule = {
      all: [
        { field: 'saasApp.name', op: 'eq', value: 'PagerDuty' },
        { field: 'lastActivityAt', op: 'more_than_days_ago', value: 365 },
      ],
    };
    expect(compile(rule)).toEqual({
      sql: '((s.name = $1) AND ("last_activity_at" IS NOT NULL AND "last_activity_at" < $2))',
      params: ['PagerDuty', '2024-06-15T12:00:00.000Z'],
    });
  });

  it('compiles mapping filters, guarding nullable columns so NOT stays two-valued', () => {
    expect(compile({ field: 'type', op: 'eq', value: 'user' })).toEqual({
      sql: '(a.type = $1)',
      params: ['user'],
    });
    expect(compile({ field: 'role', op: 'eq', value: 'admin' }).sql).toBe(
      '(a.role IS NOT NULL AND a.role = $1)',
    );
    expect(compile({ field: 'role', op: 'neq', value: 'observer' }).sql).toBe(
      '(a.role IS DISTINCT FROM $1)',
    );
    expect(compile({ field: 'type', op: 'neq', value: 'bot' }).sql).toBe(
      '(a.type <> $1)',
    );
    expect(compile({ not: { field: 'seats', op: 'gt', value: 3 } })).toEqual({
      sql: '(NOT (l.seats IS NOT NULL AND l.seats > $1::numeric))',
      params: [3],
    });
  });

  it('never puts a rule value in the SQL text', () => {
    const hostile = "x'); drop table people; --";
    const { sql, params } = compile({
      any: [
        { field: 'email', op: 'eq', value: hostile },
        { field: 'email', op: 'in', value: [hostile, 'b'] },
        { field: 'email', op: 'contains', value: hostile },
      ],
    });
    expect(sql).not.toContain('drop');
    expect(sql).toBe(
      "((p.email IS NOT NULL AND p.email = $1) OR (p.email IS NOT NULL AND p.email IN ($2, $3)) OR (p.email IS NOT NULL AND p.email LIKE $4 ESCAPE '\\'))",
    );
    expect(params).toEqual([hostile, hostile, 'b', `%${hostile}%`]);
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_off\\now')).toBe('50\\%\\_off\\\\now');
    expect(
      compile({ field: 'email', op: 'starts_with', value: 'a_%' }).params,
    ).toEqual(['a\\_\\%%']);
  });

  it('compiles in / not_in (null is not in any list) and empty lists to constants', () => {
    expect(
      compile({ field: 'role', op: 'not_in', value: ['a', 'b'] }).sql,
    ).toBe('(a.role IS NULL OR a.role NOT IN ($1, $2))');
    expect(compile({ field: 'seats', op: 'in', value: [1, 2.5] })).toEqual({
      sql: '(l.seats IS NOT NULL AND l.seats IN ($1::numeric, $2::numeric))',
      params: [1, 2.5],
    });
    expect(compile({ field: 'role', op: 'in', value: [] })).toEqual({
      sql: 'FALSE',
      params: [],
    });
    expect(compile({ field: 'role', op: 'not_in', value: [] })).toEqual({
      sql: 'TRUE',
      params: [],
    });
  });

  it('compiles is_empty as null-or-empty for strings and null for other types', () => {
    expect(compile({ field: 'email', op: 'is_empty' }).sql).toBe(
      "(p.email IS NULL OR p.email = '')",
    );
    expect(compile({ field: 'email', op: 'is_not_empty' }).sql).toBe(
      "(p.email IS NOT NULL AND p.email <> '')",
    );
    expect(compile({ field: 'seats', op: 'is_empty' }).sql).toBe(
      '(l.seats IS NULL)',
    );
    expect(compile({ field: 'lastActivityAt', op: 'is_not_empty' }).sql).toBe(
      '("last_activity_at" IS NOT NULL)',
    );
  });

  it('sends rule dates as UTC ISO strings and relative dates as a cutoff computed from now', () => {
    expect(
      compile({
        field: 'lastActivityAt',
        op: 'after',
        value: '2025-01-31T09:00:00+02:00',
      }).params,
    ).toEqual(['2025-01-31T07:00:00.000Z']);
    expect(
      compile({ field: 'lastActivityAt', op: 'before', value: '2025-01-31' })
        .params,
    ).toEqual(['2025-01-31T00:00:00.000Z']);
    expect(
      compile({ field: 'lastActivityAt', op: 'less_than_days_ago', value: 7 }),
    ).toEqual({
      sql: '("last_activity_at" IS NOT NULL AND "last_activity_at" > $1)',
      params: ['2025-06-08T12:00:00.000Z'],
    });
  });

  it('compiles empty groups to constants', () => {
    expect(compile({ all: [] }).sql).toBe('TRUE');
    expect(compile({ any: [] }).sql).toBe('FALSE');
    expect(compile({ not: { any: [] } }).sql).toBe('(NOT FALSE)');
  });

  it('parenthesises column expressions that are not plain references', () => {
    expect(compile({ field: 'displayName', op: 'eq', value: 'x' }).sql).toBe(
      '((coalesce(p.display_name, p.email)) IS NOT NULL AND (coalesce(p.display_name, p.email)) = $1)',
    );
  });

  it('numbers placeholders from paramStart, or emits ? for knex / MikroORM', () => {
    const rule: Rule = {
      any: [
        { field: 'role', op: 'eq', value: 'a' },
        { field: 'seats', op: 'lt', value: 2 },
      ],
    };
    expect(compile(rule, { paramStart: 3 }).sql).toBe(
      '((a.role IS NOT NULL AND a.role = $3) OR (l.seats IS NOT NULL AND l.seats < $4::numeric))',
    );
    expect(compile(rule, { placeholder: 'knex' })).toEqual({
      sql: '((a.role IS NOT NULL AND a.role = ?) OR (l.seats IS NOT NULL AND l.seats < ?::numeric))',
      params: ['a', 2],
    });
    expect(() => compile(rule, { paramStart: 0 })).toThrow(/paramStart/);
  });

  it('refuses rules that do not check, and an invalid now', () => {
    expect(() =>
      compileToSql({ field: 'password', op: 'eq', value: 'x' }, TEST_CATALOG, {
        now: NOW,
      }),
    ).toThrow(InvalidRuleError);
    expect(() =>
      compileToSql({ field: 'role', op: 'eq', value: 'x' }, TEST_CATALOG, {
        now: new Date('nope'),
      }),
    ).toThrow(/invalid Date/);
  });
});
