import type { FieldCatalog, FieldType } from '@seatkeeper/rules';

/**
 * The fields each connector offers, with their types (filter rules are checked against them).
 * `connector_sync_time` is added by the connector: the time it fetched the record.
 */
const VENDOR_SOURCE_FIELDS: Record<string, Record<string, FieldType>> = {
  pagerduty: {
    id: 'string',
    name: 'string',
    email: 'string',
    role: 'string',
    type: 'string',
    invitation_sent: 'boolean',
    job_title: 'string',
    time_zone: 'string',
    teams: 'string',
    license: 'string',
    last_sign_in_at: 'date',
    connector_sync_time: 'date',
  },
};

function inferType(sample: unknown): FieldType {
  if (typeof sample === 'boolean') return 'boolean';
  if (typeof sample === 'number') return 'number';
  if (typeof sample === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(sample) && !Number.isNaN(Date.parse(sample))) return 'date';
  return 'string';
}

/** Source fields of a vendor: the connector's known fields, plus any others seen in the latest run. */
export function sourceFieldTypes(vendor: string, samples: Record<string, unknown>): Record<string, FieldType> {
  const known = VENDOR_SOURCE_FIELDS[vendor] ?? {};
  const seen = Object.fromEntries(
    Object.entries(samples)
      .filter(([name]) => !(name in known))
      .map(([name, sample]) => [name, inferType(sample)]),
  );
  return { ...known, ...seen };
}

/** The catalogue filter rules are checked against. Columns are never compiled: filters run in memory on vendor records. */
export function sourceFieldCatalog(vendor: string, samples: Record<string, unknown>): FieldCatalog {
  return Object.fromEntries(
    Object.entries(sourceFieldTypes(vendor, samples)).map(([name, type]) => [name, { type, column: `"${name}"` }]),
  );
}

const SAMPLE_MAX_CHARS = 200;

/** One value per top-level field (the first non-empty one), shortened, to show next to the field. */
export function collectSamples(records: readonly Record<string, unknown>[]): Record<string, unknown> {
  const samples: Record<string, unknown> = {};
  for (const record of records) {
    for (const [name, value] of Object.entries(record)) {
      if (name in samples || value === null || value === undefined || value === '') continue;
      samples[name] = shorten(value);
    }
  }
  return samples;
}

function shorten(value: unknown): unknown {
  if (typeof value === 'string') return value.length > SAMPLE_MAX_CHARS ? `${value.slice(0, SAMPLE_MAX_CHARS)}…` : value;
  if (typeof value === 'object') {
    const json = JSON.stringify(value);
    return json.length > SAMPLE_MAX_CHARS ? `${json.slice(0, SAMPLE_MAX_CHARS)}…` : value;
  }
  return value;
}
