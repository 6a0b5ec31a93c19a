import {
  daysAgoCutoff,
  operatorsFor,
  OPERATOR_SPECS,
  parseRuleDate,
} from './operators';
import { OPERATORS } from './rule.types';

describe(parseRuleDate.name, () => {
  it('parses date-only values as UTC midnight and date-times with their offset', () => {
    expect(parseRuleDate('2024-02-29')?.toISOString()).toBe(
      '2024-02-29T00:00:00.000Z',
    );
    expect(parseRuleDate('2025-01-31T09:00+02:00')?.toISOString()).toBe(
      '2025-01-31T07:00:00.000Z',
    );
    expect(parseRuleDate('2025-01-31T09:00:00.123456Z')?.toISOString()).toBe(
      '2025-01-31T09:00:00.123Z',
    );
  });

  it('refuses impossible calendar dates, missing offsets and non-strings', () => {
    for (const value of [
      '2023-02-29',
      '2025-04-31',
      '2025-13-01',
      '0000-01-01',
      '2025-01-31T09:00:00',
      '2025-01-31T09:60Z',
      '2025-01-31T09:00+24:00',
      '',
      0,
      null,
    ]) {
      expect(parseRuleDate(value)).toBeUndefined();
    }
  });
});

describe(operatorsFor.name, () => {
  it('lists the operators of each field type, and every operator belongs to some type', () => {
    expect(operatorsFor('boolean')).toEqual([
      'eq',
      'neq',
      'is_empty',
      'is_not_empty',
    ]);
    expect(operatorsFor('date')).toEqual([
      'is_empty',
      'is_not_empty',
      'before',
      'after',
      'more_than_days_ago',
      'less_than_days_ago',
    ]);
    expect(Object.keys(OPERATOR_SPECS).sort()).toEqual([...OPERATORS].sort());
  });
});

describe(daysAgoCutoff.name, () => {
  it('subtracts whole 24-hour days', () => {
    expect(
      daysAgoCutoff(new Date('2025-03-31T12:00:00Z'), 365).toISOString(),
    ).toBe('2024-03-31T12:00:00.000Z');
  });
});
