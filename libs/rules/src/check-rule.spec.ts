import { assertRule, checkRule, InvalidRuleError } from './check-rule';
import { MAX_CONDITIONS, MAX_DEPTH } from './operators';
import { Rule } from './rule.types';
import { TEST_CATALOG } from '../test/test-catalog';

const errorsOf = (input: unknown) => {
  const result = checkRule(input, TEST_CATALOG);
  if (result.ok)
    throw new Error(`expected errors, got ok for ${JSON.stringify(input)}`);
  return result.errors;
};

describe(checkRule.name, () => {
  it('accepts the workflow begin rule from the issue and returns a copy', () => {
    const input = {
      all: [
        { field: 'saasApp.name', op: 'eq', value: 'PagerDuty' },
        { field: 'lastActivityAt', op: 'more_than_days_ago', value: 365 },
      ],
    };
    const result = checkRule(input, TEST_CATALOG);
    expect(result).toEqual({ ok: true, rule: input });
    if (result.ok) expect(result.rule).not.toBe(input);
  });

  it('accepts every operator with a well-formed value', () => {
    const rule: Rule = {
      any: [
        { field: 'type', op: 'eq', value: 'user' },
        { field: 'role', op: 'neq', value: 'observer' },
        { field: 'role', op: 'in', value: ['admin', 'owner'] },
        { field: 'role', op: 'not_in', value: [] },
        { field: 'email', op: 'contains', value: '@' },
        { field: 'email', op: 'starts_with', value: 'ops' },
        { field: 'email', op: 'is_empty' },
        { field: 'seats', op: 'is_not_empty' },
        { field: 'seats', op: 'gt', value: 1.5 },
        { field: 'seats', op: 'gte', value: 0 },
        { field: 'seats', op: 'lt', value: -1 },
        { field: 'seats', op: 'lte', value: 10 },
        { field: 'seats', op: 'in', value: [1, 2] },
        { field: 'admin', op: 'eq', value: false },
        { field: 'lastActivityAt', op: 'before', value: '2025-01-31' },
        {
          field: 'lastActivityAt',
          op: 'after',
          value: '2025-01-31T09:00:00+02:00',
        },
        { field: 'lastActivityAt', op: 'less_than_days_ago', value: 0 },
        { not: { all: [] } },
      ],
    };
    expect(checkRule(rule, TEST_CATALOG)).toEqual({ ok: true, rule });
  });

  it('drops an explicit undefined value from operators that take none', () => {
    expect(
      checkRule(
        { field: 'email', op: 'is_empty', value: undefined },
        TEST_CATALOG,
      ),
    ).toEqual({
      ok: true,
      rule: { field: 'email', op: 'is_empty' },
    });
  });

  it('names an unknown field and lists the known ones', () => {
    expect(
      errorsOf({
        all: [
          { field: 'type', op: 'eq', value: 'user' },
          { field: 'nope', op: 'eq', value: 1 },
        ],
      }),
    ).toEqual([
      {
        path: 'all[1].field',
        message: expect.stringMatching(
          /unknown field "nope"; known fields: type, role/,
        ),
      },
    ]);
  });

  it('does not take inherited properties for fields', () => {
    expect(
      errorsOf({ field: 'toString', op: 'eq', value: 'x' })[0],
    ).toMatchObject({
      path: 'field',
      message: expect.stringMatching(/unknown field/),
    });
  });

  it('refuses operators unknown or not allowed for the field type, listing the allowed ones', () => {
    expect(errorsOf({ field: 'email', op: 'gt', value: 'a' })).toEqual([
      {
        path: 'op',
        message: expect.stringMatching(
          /"gt" does not apply to string field "email"; it allows: eq, neq, in/,
        ),
      },
    ]);
    expect(
      errorsOf({ field: 'lastActivityAt', op: 'eq', value: '2025-01-01' })[0]
        .path,
    ).toBe('op');
    expect(errorsOf({ field: 'admin', op: 'in', value: [true] })[0].path).toBe(
      'op',
    );
    expect(errorsOf({ field: 'email', op: 'like', value: '%' })).toEqual([
      { path: 'op', message: expect.stringMatching(/unknown operator "like"/) },
    ]);
  });

  it('refuses values of the wrong type with the path to the value', () => {
    expect(
      errorsOf({ any: [{ field: 'seats', op: 'gt', value: '3' }] }),
    ).toEqual([
      {
        path: 'any[0].value',
        message: '"gt" on number field "seats" needs a finite number, got "3"',
      },
    ]);
    expect(
      errorsOf({ field: 'seats', op: 'eq', value: Infinity })[0].path,
    ).toBe('value');
    expect(errorsOf({ field: 'admin', op: 'eq', value: 'true' })[0].path).toBe(
      'value',
    );
    expect(errorsOf({ field: 'role', op: 'eq', value: 3 })[0].path).toBe(
      'value',
    );
  });

  it('points missing values for equality at is_empty', () => {
    expect(
      errorsOf({ field: 'role', op: 'eq', value: null })[0].message,
    ).toMatch(/use "is_empty"/);
    expect(errorsOf({ field: 'role', op: 'neq' })[0].message).toMatch(
      /needs a string/,
    );
  });

  it('requires an array for in / not_in and checks each element', () => {
    expect(errorsOf({ field: 'role', op: 'in', value: 'admin' })).toEqual([
      { path: 'value', message: '"in" needs an array of strings, got "admin"' },
    ]);
    expect(
      errorsOf({ field: 'seats', op: 'not_in', value: [1, null, 'x'] }),
    ).toEqual([
      { path: 'value[1]', message: 'expected a finite number, got null' },
      { path: 'value[2]', message: 'expected a finite number, got "x"' },
    ]);
    expect(
      errorsOf({
        field: 'role',
        op: 'in',
        value: Array.from({ length: 1001 }, () => 'a'),
      })[0].message,
    ).toMatch(/at most 1000/);
  });

  it('requires days to be a non-negative whole number', () => {
    for (const value of [-1, 1.5, '365', null, undefined, 1e9]) {
      expect(
        errorsOf({ field: 'lastActivityAt', op: 'more_than_days_ago', value }),
      ).toEqual([
        {
          path: 'value',
          message: expect.stringMatching(
            /needs a whole number of days between 0 and 100000/,
          ),
        },
      ]);
    }
  });

  it('requires an ISO date or a date-time with an offset for before / after', () => {
    for (const value of [
      '2025-02-30',
      '2025-01-31T09:00:00',
      'yesterday',
      '31/01/2025',
      1738281600000,
      '2025-01-31T24:00:00Z',
    ]) {
      expect(
        errorsOf({ field: 'lastActivityAt', op: 'before', value })[0],
      ).toMatchObject({
        path: 'value',
        message: expect.stringMatching(/ISO 8601/),
      });
    }
  });

  it('refuses a value on is_empty and an empty string for contains / starts_with', () => {
    expect(errorsOf({ field: 'email', op: 'is_empty', value: '' })).toEqual([
      { path: 'value', message: '"is_empty" takes no value' },
    ]);
    expect(
      errorsOf({ field: 'email', op: 'contains', value: '' })[0].message,
    ).toMatch(/non-empty string/);
  });

  it('refuses malformed nodes with clear messages', () => {
    expect(errorsOf(null)).toEqual([
      { path: '', message: expect.stringMatching(/expected an object/) },
    ]);
    expect(errorsOf([])).toEqual([
      { path: '', message: expect.stringMatching(/expected an object/) },
    ]);
    expect(errorsOf({})).toEqual([
      { path: '', message: expect.stringMatching(/^empty object/) },
    ]);
    expect(errorsOf({ and: [] })).toEqual([
      { path: '', message: expect.stringMatching(/unknown key "and"/) },
    ]);
    expect(errorsOf({ all: {} })).toEqual([
      { path: 'all', message: '"all" must be an array of rules' },
    ]);
    expect(errorsOf({ all: [], any: [] })[0].message).toMatch(/no other keys/);
    expect(
      errorsOf({ field: 'role', op: 'eq', value: 'x', extra: 1 })[0].message,
    ).toMatch(/unknown key "extra"/);
    expect(errorsOf({ not: { any: [{ field: '', op: 'eq' }] } })).toEqual([
      { path: 'not.any[0].field', message: 'field must be a non-empty string' },
    ]);
  });

  it('reports every error, not just the first', () => {
    expect(
      errorsOf({
        all: [
          { field: 'x', op: 'eq', value: 1 },
          { not: 5 },
          { field: 'seats', op: 'lt' },
        ],
      }).map((e) => e.path),
    ).toEqual(['all[0].field', 'all[1].not', 'all[2].value']);
  });

  it(`refuses rules nested deeper than ${MAX_DEPTH} levels`, () => {
    const nest = (levels: number): unknown =>
      levels === 1
        ? { field: 'role', op: 'is_empty' }
        : { not: nest(levels - 1) };
    expect(checkRule(nest(MAX_DEPTH), TEST_CATALOG).ok).toBe(true);
    expect(errorsOf(nest(MAX_DEPTH + 1))).toEqual([
      {
        path: 'not.not.not.not.not.not.not.not.not.not',
        message: 'rule is nested more than 10 levels deep',
      },
    ]);
  });

  it(`refuses rules with more than ${MAX_CONDITIONS} conditions`, () => {
    const rule = (n: number) => ({
      any: Array.from({ length: n }, () => ({
        field: 'role',
        op: 'eq',
        value: 'x',
      })),
    });
    expect(checkRule(rule(MAX_CONDITIONS), TEST_CATALOG).ok).toBe(true);
    expect(errorsOf(rule(MAX_CONDITIONS + 1))).toEqual([
      { path: '', message: 'rule has 201 conditions; at most 200 are allowed' },
    ]);
  });
});

describe(assertRule.name, () => {
  it('returns the checked rule or throws InvalidRuleError carrying the errors', () => {
    expect(
      assertRule({ field: 'type', op: 'eq', value: 'user' }, TEST_CATALOG),
    ).toEqual({ field: 'type', op: 'eq', value: 'user' });
    let thrown: unknown;
    try {
      assertRule({ all: [{ field: 'type', op: 'eq' }] }, TEST_CATALOG);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidRuleError);
    expect((thrown as InvalidRuleError).errors).toEqual([
      { path: 'all[0].value', message: expect.any(String) },
    ]);
    expect((thrown as InvalidRuleError).message).toMatch(
      /^Invalid rule: all\[0\]\.value: "eq" needs a string/,
    );
  });
});
