import { EventEnvelopeHeaderDto, PersonCreatedV1, SaasUserCreatedV1, SyncBatchFetchedV1 } from '@seatkeeper/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flatCheckOf } from './flat-class-check';
import { validateSyncAgainst } from './validation';

const fullyValid = (cls: new () => object, plain: object) => validateSync(plainToInstance(cls, plain), { forbidUnknownValues: true, whitelist: false }).length === 0;

const saasUser = {
  saasUserId: '0192e4a0-7b1c-7cc1-9a43-1f0e5b6a7c01',
  saasAppId: '0192e4a0-7b1c-7cc1-9a43-1f0e5b6a7c02',
  vendor: 'pagerduty',
  personId: null,
  externalId: 'PXPGF42',
  email: 'ada@example.com',
  vendorRole: 'limited_user',
  status: 'active',
  lastActivityAt: '2026-11-30T10:00:00Z',
  changed: {},
};
const person = { personId: '0192e4a0-7b1c-7cc1-9a43-1f0e5b6a7c03', email: 'ada@example.com', fullName: 'Ada', directoryRole: null, customFields: { team: 'a' } };
const envelope = {
  id: '0192e4a0-7b1c-7cc1-9a43-1f0e5b6a7c04',
  type: 'directory.person.created.v1',
  occurredAt: '2026-12-04T01:02:03.456Z',
  source: 'mapping',
  correlationId: 'c-1',
  causationId: null,
  entityKey: 'person:1',
  entitySeq: 1,
  data: {},
};

/** Every field replaced by values of the wrong type, out of range or absent. */
function variants(sample: Record<string, unknown>): Record<string, unknown>[] {
  const bad: unknown[] = [undefined, null, '', 'x', 'not-a-uuid', 42, -1, 0, 1.5, '5', true, {}, [], 'a'.repeat(400), '2026-13-45', 'nobody@', 'ada@example.com'];
  const out: Record<string, unknown>[] = [sample, { ...sample, unknownField: 1 }];
  for (const key of Object.keys(sample)) for (const v of bad) out.push({ ...sample, [key]: v });
  return out;
}

describe('flatCheckOf', () => {
  it.each([
    ['saas_user.created', SaasUserCreatedV1.payload, saasUser],
    ['person.created', PersonCreatedV1.payload, person],
    ['the envelope header', EventEnvelopeHeaderDto, envelope],
  ])('agrees with class-validator on every variant of a %s', (_name, cls, sample) => {
    const check = flatCheckOf(cls as new () => object);
    expect(check).not.toBeNull();
    const all = variants(sample as Record<string, unknown>);
    // Never valid where class-validator is not; where it says no to a value class-transformer
    // would convert (`entitySeq: "5"`), the full way decides — so the answers agree end to end.
    expect(all.filter((v) => check?.(v) && !fullyValid(cls as new () => object, v))).toEqual([]);
    expect(all.filter((v) => validateSyncAgainst(cls as new () => object, v).ok !== fullyValid(cls as new () => object, v))).toEqual([]);
    // The variants do exercise both answers.
    expect(all.filter((v) => check?.(v)).length).toBeGreaterThan(1);
    expect(all.filter((v) => !check?.(v)).length).toBeGreaterThan(10);
  });

  it('leaves classes with `each` rules to the full way', () => {
    expect(flatCheckOf(SyncBatchFetchedV1.payload)).toBeNull();
  });

  it('hands the payload over as an instance of the class with only the fields sent', () => {
    const checked = validateSyncAgainst(SaasUserCreatedV1.payload, saasUser);
    expect(checked.ok).toBe(true);
    const value = (checked as { value: object }).value;
    expect(value).toBeInstanceOf(SaasUserCreatedV1.payload);
    expect({ ...value }).toEqual(saasUser);
  });
});
