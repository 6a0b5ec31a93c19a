import { checkList, encodeCursor } from './list-query';
import { ReportingException } from './reporting.exception';
import { cronProblems, nextCronTime } from '../schedules/cron';

const now = new Date('2026-12-02T12:00:00Z');

function refusal(fn: () => unknown): ReportingException {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReportingException) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe(checkList.name, () => {
  it('compiles the rules of a list into one parameterised WHERE over the catalogue columns', () => {
    const list = checkList(
      {
        entity: 'saas_users',
        columns: ['email', 'person.fullName'],
        filters: [{ field: 'vendor', op: 'eq', value: 'pagerduty' }, { field: 'lastActivityAt', op: 'more_than_days_ago', value: 90 }],
        sort: { field: 'lastActivityAt', direction: 'desc' },
      },
      now,
    );
    expect(list.where.sql).toBe('(u.vendor IS NOT NULL AND u.vendor = ?) and (u.last_activity_at IS NOT NULL AND u.last_activity_at < ?)');
    expect(list.where.params).toEqual(['pagerduty', '2026-09-03T12:00:00.000Z']);
  });

  it('names the unknown column, the bad rule path and the unknown sort field with stable codes', () => {
    expect(refusal(() => checkList({ entity: 'people', columns: ['email', 'nope'], filters: [], sort: { field: 'email', direction: 'asc' } }, now))).toMatchObject({
      code: 'COLUMN_INVALID',
      details: [{ field: 'columns.1' }],
    });
    expect(
      refusal(() => checkList({ entity: 'people', columns: ['email'], filters: [{ all: [{ field: 'email', op: 'gt', value: 1 }] }], sort: { field: 'email', direction: 'asc' } }, now, 'definition.')),
    ).toMatchObject({ code: 'RULE_INVALID', details: [{ field: 'definition.filter.all[0].op' }] });
    expect(refusal(() => checkList({ entity: 'sync_runs', columns: ['status'], filters: [], sort: { field: 'email', direction: 'asc' } }, now))).toMatchObject({
      code: 'SORT_INVALID',
    });
  });

  it('encodes cursors as base64url that the gateway accepts', () => {
    expect(encodeCursor(['2026-01-01 00:00:00.123456+00', '0191b7f0-0000-7000-8000-00000000a001'])).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('report schedule cron', () => {
  it('finds the next wall-clock time in the zone and names what is wrong', () => {
    // Mondays 07:00 in Paris (UTC+1 in December) after Wednesday noon UTC.
    expect(nextCronTime('0 7 * * 1', 'Europe/Paris', now).toISOString()).toBe('2026-12-07T06:00:00.000Z');
    expect(cronProblems('0 7 * * 1', 'Europe/Paris')).toEqual([]);
    expect(cronProblems('0 7 * *', 'Mars/Olympus').map((p) => p.field)).toEqual(['time_zone', 'cron']);
    expect(cronProblems('99 7 * * 1', 'UTC').map((p) => p.field)).toEqual(['cron']);
  });
});
