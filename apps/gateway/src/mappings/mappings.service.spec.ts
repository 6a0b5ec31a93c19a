import { plainToInstance } from 'class-transformer';
import { fakeRpc } from '../../test/support/fake-rpc';
import type { ParentLookup } from '../http/parent-exists';
import { ListQuarantineQuery, PutMappingDefinitionDto } from './mappings.dto';
import { MappingsService } from './mappings.service';

function serviceWith(replies: Record<string, unknown>) {
  const { rpc, sent } = fakeRpc(replies);
  const parents = { integration: jest.fn(() => Promise.resolve()) };
  return { service: new MappingsService(rpc, parents as unknown as ParentLookup), sent, parents };
}

const definitionView = {
  integrationId: 'i1',
  vendor: 'pagerduty',
  appName: 'PagerDuty',
  saasAppId: 'a1',
  recordType: 'user_and_saas_user',
  preference: 'create_update',
  deactivateMissing: false,
  blastRadius: { maxPercent: 10, maxCount: 50 },
  mappings: [{ source: 'role', target: 'saasUser.vendorRole', transform: { type: 'value_map', map: { limited_user: 'member' } } }],
  syncKeys: ['saasUser.externalId'],
  filter: { field: 'job_title', op: 'neq', value: 'x' },
  sourceFields: [{ name: 'teams', sample: [{ team_id: 'T1' }] }, { name: 'nothing' }],
  samplesFromRunId: null,
  check: { ok: true, missing: [] },
  createdAt: 't0',
  updatedAt: 't1',
};

describe(MappingsService.name, () => {
  it('renames shape but not data: lookup maps, filters and samples keep their keys; a missing sample is null', async () => {
    const { service, sent, parents } = serviceWith({ 'mapping.definitions.put': definitionView });
    const body = plainToInstance(PutMappingDefinitionDto, {
      vendor: 'pagerduty',
      app_name: 'PagerDuty',
      record_type: 'user_and_saas_user',
      preference: 'create_update',
      deactivate_missing: false,
      blast_radius: { max_percent: 10, max_count: 50 },
      mappings: [{ source: 'role', target: 'saasUser.vendorRole', transform: { type: 'value_map', map: { limited_user: 'member' } } }],
      sync_keys: ['saasUser.externalId'],
      filter: { field: 'job_title', op: 'neq', value: 'x' },
    });
    await expect(service.put('i1', body)).resolves.toEqual({
      integration_id: 'i1',
      vendor: 'pagerduty',
      app_name: 'PagerDuty',
      saas_app_id: 'a1',
      record_type: 'user_and_saas_user',
      preference: 'create_update',
      deactivate_missing: false,
      blast_radius: { max_percent: 10, max_count: 50 },
      mappings: [{ source: 'role', target: 'saasUser.vendorRole', transform: { type: 'value_map', map: { limited_user: 'member' } } }],
      sync_keys: ['saasUser.externalId'],
      filter: { field: 'job_title', op: 'neq', value: 'x' },
      source_fields: [{ name: 'teams', sample: [{ team_id: 'T1' }] }, { name: 'nothing', sample: null }],
      samples_from_run_id: null,
      check: { ok: true, missing: [] },
      created_at: 't0',
      updated_at: 't1',
    });
    expect(parents.integration).toHaveBeenCalledWith('i1');
    expect(sent[0]?.payload).toEqual({
      integrationId: 'i1',
      vendor: 'pagerduty',
      appName: 'PagerDuty',
      recordType: 'user_and_saas_user',
      preference: 'create_update',
      deactivateMissing: false,
      blastRadius: { maxPercent: 10, maxCount: 50 },
      mappings: [{ source: 'role', target: 'saasUser.vendorRole', transform: { type: 'value_map', map: { limited_user: 'member' } } }],
      syncKeys: ['saasUser.externalId'],
      filter: { field: 'job_title', op: 'neq', value: 'x' },
    });
  });

  it('answers source fields without the vendor, as `fields`, and quarantined records with the vendor record untouched', async () => {
    const record = { id: 'P1', last_sign_in_at: null };
    const { service, sent } = serviceWith({
      'mapping.definitions.source-fields': { integrationId: 'i1', vendor: 'pagerduty', sourceFields: [{ name: 'email', sample: 'a@b.io' }], samplesFrom: 'vendor_sample', samplesFromRunId: null },
      'mapping.quarantine.list': { data: [{ id: 'q1', integrationId: 'i1', runId: 'r1', seq: 2, record, reason: 'bad', status: 'open', attempts: 1, createdAt: 't0', updatedAt: 't1' }], nextCursor: 'n' },
      'mapping.quarantine.retry': { retried: 2, applied: 1, stillQuarantined: 1 },
    });
    await expect(service.sourceFields('i1')).resolves.toEqual({ integration_id: 'i1', samples_from: 'vendor_sample', samples_from_run_id: null, fields: [{ name: 'email', sample: 'a@b.io' }] });
    await expect(service.quarantine('i1', plainToInstance(ListQuarantineQuery, { status: 'open', limit: 5 }))).resolves.toEqual({
      data: [{ id: 'q1', integration_id: 'i1', run_id: 'r1', seq: 2, record, reason: 'bad', status: 'open', attempts: 1, created_at: 't0', updated_at: 't1' }],
      next_cursor: 'n',
    });
    await expect(service.retryQuarantine('i1', { ids: ['q1'] })).resolves.toEqual({ retried: 2, applied: 1, still_quarantined: 1 });
    expect(sent.map((s) => s.payload)).toEqual([{ integrationId: 'i1' }, { status: 'open', limit: 5, integrationId: 'i1' }, { ids: ['q1'], integrationId: 'i1' }]);
  });
});
