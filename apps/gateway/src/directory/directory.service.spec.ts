import { plainToInstance } from 'class-transformer';
import { fakeRpc } from '../../test/support/fake-rpc';
import { DirectoryService } from './directory.service';
import { UpdatePersonDto } from './people.dto';
import { ListSaasUsersQuery } from './saas-users.dto';

const person = {
  id: 'p1',
  email: 'ann@example.com',
  username: 'ann',
  fullName: 'Ann Example',
  firstName: 'Ann',
  lastName: 'Example',
  jobTitle: 'Engineer',
  timeZone: 'Europe/Paris',
  department: 'R&D',
  directoryRole: 'member',
  employmentStatus: 'terminated',
  terminationDate: '2026-01-31',
  customFields: { pagerduty_user_id: 'P1', badgeNumber: 7 },
  createdAt: 't0',
  updatedAt: 't1',
};

const saasUser = {
  id: 's1',
  saasAppId: 'a1',
  integrationId: 'i1',
  appName: 'PagerDuty',
  vendor: 'pagerduty',
  externalId: 'P1',
  email: 'ann@example.com',
  vendorRole: 'admin',
  type: 'user',
  invitationSent: false,
  license: null,
  status: 'active',
  deactivatedReason: null,
  deactivatedAt: null,
  lastActivityAt: 't',
  lastActivitySource: 'last_sign_in_at',
  missingUpstreamSince: null,
  person: { id: 'p1', email: 'ann@example.com', fullName: 'Ann Example', employmentStatus: 'active' },
  createdAt: 't0',
  updatedAt: 't1',
};

describe(DirectoryService.name, () => {
  it('updates a person with the contract names and answers with the custom field keys untouched', async () => {
    const { rpc, sent } = fakeRpc({ 'directory.people.update': person });
    const answer = await new DirectoryService(rpc).updatePerson('p1', plainToInstance(UpdatePersonDto, { employment_status: 'terminated', termination_date: '2026-01-31', job_title: 'Engineer' }));
    expect(answer).toEqual({
      id: 'p1',
      email: 'ann@example.com',
      username: 'ann',
      full_name: 'Ann Example',
      first_name: 'Ann',
      last_name: 'Example',
      job_title: 'Engineer',
      time_zone: 'Europe/Paris',
      department: 'R&D',
      directory_role: 'member',
      employment_status: 'terminated',
      termination_date: '2026-01-31',
      custom_fields: { pagerduty_user_id: 'P1', badgeNumber: 7 },
      created_at: 't0',
      updated_at: 't1',
    });
    expect(sent[0]?.payload).toEqual({ personId: 'p1', employmentStatus: 'terminated', terminationDate: '2026-01-31', jobTitle: 'Engineer' });
  });

  it('lists SaaS users by the contract names with the parsed rule, and leaves integration_id out of the answer', async () => {
    const { rpc, sent } = fakeRpc({ 'directory.saas-users.list': { data: [saasUser], nextCursor: null } });
    const rule = { field: 'saasUser.status', op: 'eq', value: 'active' };
    const query = plainToInstance(ListSaasUsersQuery, { saas_app_id: 'a1', status: 'active', filter: JSON.stringify(rule), limit: 10 });
    const page = await new DirectoryService(rpc).listSaasUsers(query);
    expect(page.data[0]).not.toHaveProperty('integration_id');
    expect(page.data[0]).toMatchObject({ saas_app_id: 'a1', external_id: 'P1', missing_upstream_since: null, person: { full_name: 'Ann Example', employment_status: 'active' } });
    expect(sent[0]?.payload).toEqual({ saasAppId: 'a1', status: 'active', filter: rule, limit: 10 });
  });
});
