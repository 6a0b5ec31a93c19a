import type { FieldMappingDto } from '@seatkeeper/contracts';
import { deactivationLimit } from '../apply/reconciler';
import type { MappingDefinition } from './mapping-definition';
import { mapRecord } from './record-mapper';
import { targetFields } from './target-fields';
import { applyTransform } from './transforms';

const fields = targetFields([{ id: 'x', key: 'pagerduty_user_id', name: 'PagerDuty User ID', type: 'string', unique: true, createdAt: new Date() }]);

function definition(mappings: FieldMappingDto[]): MappingDefinition {
  return {
    integrationId: 'i',
    vendor: 'pagerduty',
    appName: 'PagerDuty',
    saasAppId: 'a',
    recordType: 'user_and_saas_user',
    preference: 'create_update',
    deactivateMissing: false,
    maxDeactivatePercent: 10,
    maxDeactivateCount: 50,
    mappings,
    syncKeys: ['custom.pagerduty_user_id', 'person.email'],
    filter: null,
    sourceSamples: {},
    samplesRunId: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

const base: FieldMappingDto[] = [
  { source: 'email', target: 'person.email', transform: { type: 'trim' } },
  { source: 'id', target: 'custom.pagerduty_user_id', transform: { type: 'copy' } },
  { source: 'id', target: 'saasUser.externalId', transform: { type: 'copy' } },
];

describe(mapRecord.name, () => {
  it('quarantines a record the connector had to repair (a NUL byte in a field), with its reasons', () => {
    const r = mapRecord({ id: 'P1', email: 'ann@x.io', job_title: 'CTO\uFFFD', connector_problems: ['job_title contains a control character (U+0000)'] }, definition(base), fields);
    expect(r).toEqual({ ok: false, reason: 'vendor record: job_title contains a control character (U+0000)' });
  });

  it('lower-cases emails and lists sync keys in rank order', () => {
    const r = mapRecord({ id: 'P1', email: ' Ann@X.io ' }, definition(base), fields);
    expect(r).toEqual({
      ok: true,
      mapped: expect.objectContaining({ syncKeys: [['custom.pagerduty_user_id', 'P1'], ['person.email', 'ann@x.io']] }),
    });
  });

  it.each([
    [{ id: 'P1' }, 'no email: person.email is empty'],
    [{ id: 'P1', email: 'nope' }, 'person.email: invalid email "nope"'],
    [{ email: 'a@b.io' }, 'no external id: saasUser.externalId is empty'],
    [{ id: { x: 1 }, email: 'a@b.io' }, 'custom.pagerduty_user_id: wrong type, expected text, got an object'],
  ])('refuses %j: %s', (record, reason) => {
    expect(mapRecord(record, definition(base), fields)).toEqual({ ok: false, reason });
  });
});

describe(applyTransform.name, () => {
  const record = { name: 'Mary Ann Smith', role: 'limited_user', at: 1700000000, email: 'a@b.io' };
  it.each<[FieldMappingDto['transform'], string | undefined, unknown]>([
    [{ type: 'split_full_name', part: 'first' }, 'name', 'Mary Ann'],
    [{ type: 'split_full_name', part: 'last' }, 'name', 'Smith'],
    [{ type: 'value_map', map: { limited_user: 'member' } }, 'role', 'member'],
    [{ type: 'template', template: '{name} <{email}>' }, undefined, 'Mary Ann Smith <a@b.io>'],
    [{ type: 'date', format: 'epoch_s' }, 'at', '2023-11-14T22:13:20.000Z'],
    [{ type: 'constant', value: 'member' }, undefined, 'member'],
  ])('%j on %s', (transform, source, expected) => {
    expect(applyTransform(record, { source, target: 'person.fullName', transform })).toEqual(expected);
  });
});

describe(deactivationLimit.name, () => {
  it('is the smaller of the share and the count', () => {
    expect(deactivationLimit(2000, 10, 50)).toBe(50);
    expect(deactivationLimit(300, 10, 50)).toBe(30);
    expect(deactivationLimit(5, 10, 50)).toBe(0);
  });
});
