import { RpcErrorCode } from '@seatkeeper/contracts';
import { PEOPLE_CATALOG } from './directory.catalogs';
import { checkedFilter } from './directory-filter';

describe(checkedFilter.name, () => {
  it('passes no filter through as none', () => {
    expect(checkedFilter(undefined, PEOPLE_CATALOG)).toBeUndefined();
  });

  it('returns the checked rule of a valid filter', () => {
    const rule = checkedFilter({ field: 'email', op: 'starts_with', value: 'ann' }, PEOPLE_CATALOG);
    expect(rule).toEqual({ field: 'email', op: 'starts_with', value: 'ann' });
  });

  it('refuses a rule naming an unknown field as VALIDATION_FAILED, naming where', () => {
    let error: unknown;
    try {
      checkedFilter({ all: [{ field: 'nope', op: 'eq', value: 1 }] }, PEOPLE_CATALOG);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: RpcErrorCode.ValidationFailed });
    expect((error as { details: { field: string }[] }).details[0]?.field).toMatch(/^filter\.all\[0\]/);
  });
});
