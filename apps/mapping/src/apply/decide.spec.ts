import type { PersonRow, SaasUserRow } from '../directory/rows';
import type { MappedRecord } from '../mapping/record-mapper';
import { decidePerson, decideSaasUser, strongest } from './decide';

const stored: PersonRow = {
  id: 'p1',
  email: 'ann@x.io',
  username: 'ann@x.io',
  full_name: 'Ann',
  first_name: null,
  last_name: null,
  job_title: 'Engineer',
  time_zone: null,
  department: null,
  directory_role: 'member',
  employment_status: 'active',
  termination_date: null,
  custom_fields: { pagerduty_user_id: 'P1' },
  created_at: new Date(),
  updated_at: new Date(),
};
const mapped = (jobTitle: string): MappedRecord => ({
  person: { email: 'ann@x.io', fullName: 'Ann', jobTitle },
  custom: { pagerduty_user_id: 'P1' },
  saasUser: { externalId: 'P1' },
  uniqueValues: [],
  syncKeys: [],
});

describe('decide', () => {
  it.each([
    ['create_update', undefined, 'Engineer', 'create'],
    ['create_only', undefined, 'Engineer', 'create'],
    ['update_only', undefined, 'Engineer', 'skip'],
    ['create_update', stored, 'Engineer', 'unchanged'],
    ['create_only', stored, 'Engineer', 'unchanged'],
    ['create_update', stored, 'Lead', 'update'],
    ['create_only', stored, 'Lead', 'skip'],
    ['update_only', stored, 'Lead', 'update'],
  ] as const)('a person under %s (stored: %p, job title %s) → %s', (preference, existing, jobTitle, kind) => {
    expect(decidePerson(existing, mapped(jobTitle), preference).kind).toBe(kind);
  });

  it('names the changed fields of an update, and only mapped ones', () => {
    expect(decidePerson(stored, mapped('Lead'), 'create_update')).toEqual({ kind: 'update', changes: { jobTitle: 'Lead' } });
  });

  it('reactivates a SaaS user deactivated for being missing upstream, and clears the marker', () => {
    const su = {
      id: 's1',
      external_id: 'P1',
      status: 'deactivated',
      deactivated_reason: 'missing upstream',
      missing_upstream_since: new Date('2026-01-01T00:00:00Z'),
      vendor_role: 'user',
    } as unknown as SaasUserRow;
    const d = decideSaasUser(su, { vendor_role: 'user' }, 'create_update');
    expect(d).toEqual({ kind: 'update', reactivated: true, changes: { missingUpstreamSince: null, status: 'active' } });
  });

  it('counts a record by its strongest outcome', () => {
    expect(strongest({ kind: 'unchanged' }, { kind: 'create' })).toBe('created');
    expect(strongest({ kind: 'skip' }, { kind: 'unchanged' })).toBe('skipped');
    expect(strongest({ kind: 'unchanged' }, { kind: 'unchanged' })).toBe('unchanged');
  });
});
