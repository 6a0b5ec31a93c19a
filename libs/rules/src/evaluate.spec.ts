import { evaluate, resolveField } from './evaluate';
import { Condition, Rule } from './rule.types';
import { NOW } from '../test/test-catalog';

const DAY = 86_400_000;
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY + ms);
const holds = (rule: Rule, record: object) =>
  evaluate(rule, record, { now: NOW });
const c = (field: string, op: Condition['op'], value?: unknown): Condition =>
  value === undefined ? { field, op } : { field, op, value };

describe(evaluate.name, () => {
  it('evaluates the workflow begin rule from the issue', () => {
    const rule: Rule = {
      all: [
        c('saasApp.name', 'eq', 'PagerDuty'),
        c('lastActivityAt', 'more_than_days_ago', 365),
      ],
    };
    expect(
      holds(rule, { saasApp: { name: 'PagerDuty' }, lastActivityAt: ago(400) }),
    ).toBe(true);
    expect(
      holds(rule, { saasApp: { name: 'PagerDuty' }, lastActivityAt: ago(10) }),
    ).toBe(false);
    expect(
      holds(rule, { saasApp: { name: 'Slack' }, lastActivityAt: ago(400) }),
    ).toBe(false);
    expect(
      holds(rule, { saasApp: { name: 'PagerDuty' }, lastActivityAt: null }),
    ).toBe(false);
  });

  it('treats empty all as true and empty any as false', () => {
    expect(holds({ all: [] }, {})).toBe(true);
    expect(holds({ any: [] }, {})).toBe(false);
    expect(holds({ not: { any: [] } }, {})).toBe(true);
  });

  it('compares strings exactly and case-sensitively', () => {
    expect(holds(c('type', 'eq', 'user'), { type: 'user' })).toBe(true);
    expect(holds(c('type', 'eq', 'user'), { type: 'User' })).toBe(false);
    expect(holds(c('type', 'eq', 'user'), { type: 'user ' })).toBe(false);
    expect(holds(c('role', 'neq', 'observer'), { role: 'admin' })).toBe(true);
    expect(holds(c('role', 'neq', 'observer'), { role: 'observer' })).toBe(
      false,
    );
  });

  it('treats null, undefined and a missing property alike: never equal, always not-equal', () => {
    for (const record of [{ role: null }, { role: undefined }, {}]) {
      expect(holds(c('role', 'eq', 'observer'), record)).toBe(false);
      expect(holds(c('role', 'neq', 'observer'), record)).toBe(true);
      expect(holds({ not: c('role', 'eq', 'observer') }, record)).toBe(true);
      expect(holds(c('role', 'in', ['observer']), record)).toBe(false);
      expect(holds(c('role', 'not_in', ['observer']), record)).toBe(true);
      expect(holds(c('role', 'contains', 'o'), record)).toBe(false);
      expect(holds(c('role', 'is_empty'), record)).toBe(true);
      expect(holds(c('seats', 'gt', 0), record)).toBe(false);
      expect(holds(c('seats', 'lte', 0), record)).toBe(false);
      expect(holds(c('lastActivityAt', 'more_than_days_ago', 0), record)).toBe(
        false,
      );
      expect(holds(c('lastActivityAt', 'less_than_days_ago', 0), record)).toBe(
        false,
      );
      expect(holds(c('lastActivityAt', 'before', '2100-01-01'), record)).toBe(
        false,
      );
    }
  });

  it('handles in / not_in, including empty lists', () => {
    expect(holds(c('role', 'in', ['admin', 'owner']), { role: 'owner' })).toBe(
      true,
    );
    expect(holds(c('role', 'in', []), { role: 'owner' })).toBe(false);
    expect(holds(c('role', 'not_in', []), { role: 'owner' })).toBe(true);
    expect(holds(c('seats', 'in', [1, 2]), { seats: 2 })).toBe(true);
    expect(holds(c('seats', 'in', [1, 2]), { seats: '2' })).toBe(false);
  });

  it('matches contains / starts_with literally and case-sensitively, wildcards included', () => {
    expect(
      holds(c('email', 'contains', '@acme'), { email: 'ops@acme.io' }),
    ).toBe(true);
    expect(
      holds(c('email', 'contains', '@ACME'), { email: 'ops@acme.io' }),
    ).toBe(false);
    expect(holds(c('email', 'contains', '%'), { email: 'ops@acme.io' })).toBe(
      false,
    );
    expect(holds(c('email', 'contains', '50%'), { email: 'a 50% b' })).toBe(
      true,
    );
    expect(holds(c('email', 'starts_with', 'a_'), { email: 'ab' })).toBe(false);
    expect(holds(c('email', 'starts_with', 'a_'), { email: 'a_b' })).toBe(true);
  });

  it('counts null and the empty string as empty for strings, only null for other types', () => {
    expect(holds(c('email', 'is_empty'), { email: '' })).toBe(true);
    expect(holds(c('email', 'is_not_empty'), { email: '' })).toBe(false);
    expect(holds(c('email', 'is_not_empty'), { email: ' ' })).toBe(true);
    expect(holds(c('seats', 'is_empty'), { seats: 0 })).toBe(false);
    expect(holds(c('admin', 'is_empty'), { admin: false })).toBe(false);
  });

  it('compares numbers (bigints too) and ignores non-numbers', () => {
    expect(holds(c('seats', 'gt', 1.5), { seats: 2 })).toBe(true);
    expect(holds(c('seats', 'gte', 2), { seats: 2 })).toBe(true);
    expect(holds(c('seats', 'lt', 2), { seats: 2 })).toBe(false);
    expect(holds(c('seats', 'lte', 2), { seats: BigInt(2) })).toBe(true);
    expect(holds(c('seats', 'eq', 0), { seats: -0 })).toBe(true);
    expect(holds(c('seats', 'gt', 0), { seats: '5' })).toBe(false);
    expect(holds(c('seats', 'gt', 0), { seats: NaN })).toBe(false);
  });

  it('compares booleans', () => {
    expect(holds(c('admin', 'eq', false), { admin: false })).toBe(true);
    expect(holds(c('admin', 'neq', true), { admin: null })).toBe(true);
  });

  it('compares dates as instants; a date-only rule value is UTC midnight', () => {
    const at = (iso: string) => ({ lastActivityAt: new Date(iso) });
    expect(
      holds(
        c('lastActivityAt', 'before', '2025-01-31'),
        at('2025-01-30T23:59:59.999Z'),
      ),
    ).toBe(true);
    expect(
      holds(
        c('lastActivityAt', 'before', '2025-01-31'),
        at('2025-01-31T00:00:00.000Z'),
      ),
    ).toBe(false);
    expect(
      holds(
        c('lastActivityAt', 'after', '2025-01-31T09:00:00+02:00'),
        at('2025-01-31T07:00:00.001Z'),
      ),
    ).toBe(true);
    expect(
      holds(
        c('lastActivityAt', 'after', '2025-01-31T09:00:00+02:00'),
        at('2025-01-31T07:00:00.000Z'),
      ),
    ).toBe(false);
    expect(
      holds(c('lastActivityAt', 'after', '2025-01-31'), {
        lastActivityAt: '2025-02-01T00:00:00Z',
      }),
    ).toBe(true);
    expect(
      holds(c('lastActivityAt', 'after', '2025-01-31'), {
        lastActivityAt: Date.parse('2025-02-01T00:00:00Z'),
      }),
    ).toBe(true);
    expect(
      holds(c('lastActivityAt', 'after', '2025-01-31'), {
        lastActivityAt: 'not a date',
      }),
    ).toBe(false);
  });

  it('measures N days ago as N × 24 h before now, both bounds strict', () => {
    const more = c('lastActivityAt', 'more_than_days_ago', 30);
    const less = c('lastActivityAt', 'less_than_days_ago', 30);
    expect(holds(more, { lastActivityAt: ago(30, -1) })).toBe(true);
    expect(holds(more, { lastActivityAt: ago(30) })).toBe(false);
    expect(holds(less, { lastActivityAt: ago(30) })).toBe(false);
    expect(holds(less, { lastActivityAt: ago(30, 1) })).toBe(true);
    expect(holds(less, { lastActivityAt: ago(-5) })).toBe(true); // the future is less than 30 days ago
    expect(
      holds(c('lastActivityAt', 'more_than_days_ago', 0), {
        lastActivityAt: ago(0, -1),
      }),
    ).toBe(true);
  });

  it('uses the injected now, not the clock', () => {
    const rule = c('lastActivityAt', 'less_than_days_ago', 1);
    const record = { lastActivityAt: new Date('2000-01-01T12:00:00Z') };
    expect(
      evaluate(rule, record, { now: new Date('2000-01-02T00:00:00Z') }),
    ).toBe(true);
    expect(
      evaluate(rule, record, { now: new Date('2000-01-03T00:00:00Z') }),
    ).toBe(false);
  });

  it('applies not over null conditions in two-valued logic', () => {
    expect(holds({ not: c('seats', 'gt', 0) }, { seats: null })).toBe(true);
    expect(holds({ not: { not: c('seats', 'gt', 0) } }, { seats: null })).toBe(
      false,
    );
  });

  it('accepts a custom field resolver', () => {
    const record = { fields: { role: 'admin' } };
    expect(
      evaluate(c('role', 'eq', 'admin'), record, {
        now: NOW,
        resolve: (r, f) => (r as typeof record).fields[f as 'role'],
      }),
    ).toBe(true);
  });

  it('throws on malformed rules and an invalid now instead of guessing', () => {
    expect(() => holds({ field: 'x', op: 'gt', value: 'a' }, {})).toThrow(
      /malformed condition/,
    );
    expect(() =>
      holds({ field: 'x', op: 'nope' } as unknown as Rule, {}),
    ).toThrow(/malformed condition/);
    expect(() => holds({ allOf: [] } as unknown as Rule, {})).toThrow(
      /not a rule/,
    );
    expect(() => evaluate({ all: [] }, {}, { now: new Date(NaN) })).toThrow(
      /invalid Date/,
    );
  });
});

describe(resolveField.name, () => {
  it('prefers the exact property name, then follows the dotted path', () => {
    expect(
      resolveField(
        { 'saasApp.name': 'flat', saasApp: { name: 'nested' } },
        'saasApp.name',
      ),
    ).toBe('flat');
    expect(resolveField({ saasApp: { name: 'nested' } }, 'saasApp.name')).toBe(
      'nested',
    );
    expect(resolveField({ saasApp: null }, 'saasApp.name')).toBeUndefined();
    expect(resolveField({}, 'a.b.c')).toBeUndefined();
  });
});
