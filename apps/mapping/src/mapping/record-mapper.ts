import { RECORD_PROBLEMS_FIELD, type TargetFieldView } from '@seatkeeper/contracts';
import { isEmail } from 'class-validator';
import type { MappingDefinition } from './mapping-definition';
import { PERSON_COLUMNS, SAAS_USER_COLUMNS, type PersonField, type SaasUserField } from './target-fields';
import { applyTransform, describe, TransformFailure } from './transforms';

export type MappedValue = string | number | boolean | null;

/** A vendor record after mapping and validation: what it says about one person (and their SaaS user). */
export interface MappedRecord {
  person: Partial<Record<PersonField, MappedValue>>;
  custom: Record<string, MappedValue>;
  saasUser: Partial<Record<SaasUserField, MappedValue>>;
  /** The record's value for every unique target field it maps, e.g. `['person.email', 'a@b.io']`. */
  uniqueValues: [string, string][];
  /** The sync keys with a value, in rank order. */
  syncKeys: [string, string][];
}

export type MapResult = { ok: true; mapped: MappedRecord } | { ok: false; reason: string };

function validateValue(field: TargetFieldView, value: unknown): MappedValue | TransformFailure {
  if (value === undefined || value === null) return null;
  switch (field.type) {
    case 'string': {
      if (typeof value !== 'string' && typeof value !== 'number') {
        return new TransformFailure(`${field.target}: wrong type, expected text, got ${describe(value)}`);
      }
      const text = String(value);
      if (text === '') return null;
      if (field.maxLength !== undefined && text.length > field.maxLength) {
        return new TransformFailure(`${field.target}: value too long (${text.length} > ${field.maxLength} characters)`);
      }
      if (field.allowed && !field.allowed.includes(text)) {
        return new TransformFailure(`${field.target}: "${text}" is not one of ${field.allowed.join(', ')}`);
      }
      return text;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : new TransformFailure(`${field.target}: wrong type, expected a number, got ${describe(value)}`);
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return new TransformFailure(`${field.target}: wrong type, expected true or false, got ${describe(value)}`);
    case 'date': {
      const ms = typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : NaN;
      return Number.isNaN(ms) ? new TransformFailure(`${field.target}: wrong type, expected a date, got ${describe(value)}`) : new Date(ms).toISOString();
    }
  }
}

/**
 * Filter-free half of applying a record: every mapping's transform, then the target's type,
 * length and list checks, then the record-level rules (an email, an external id for SaaS users,
 * a value for at least one sync key). The first problem is the quarantine reason.
 */
export function mapRecord(
  record: Record<string, unknown>,
  definition: MappingDefinition,
  fields: Map<string, TargetFieldView>,
): MapResult {
  // What the connector had to repair (e.g. a NUL byte in a field): the record is kept, in quarantine.
  const problems = record[RECORD_PROBLEMS_FIELD];
  if (Array.isArray(problems) && problems.length > 0) return { ok: false, reason: `vendor record: ${problems.join('; ')}` };
  const mapped: MappedRecord = { person: {}, custom: {}, saasUser: {}, uniqueValues: [], syncKeys: [] };
  for (const mapping of definition.mappings) {
    const field = fields.get(mapping.target);
    if (!field) return { ok: false, reason: `${mapping.target}: no such target field` };
    const raw = applyTransform(record, mapping);
    if (raw instanceof TransformFailure) return { ok: false, reason: raw.reason };
    let value = validateValue(field, raw);
    if (value instanceof TransformFailure) return { ok: false, reason: value.reason };
    const [entity, name] = mapping.target.split('.') as [string, string];
    if (mapping.target === 'person.email' && typeof value === 'string') {
      // Emails are compared without case: `Ann@X.io` and `ann@x.io` are one person.
      value = value.trim().toLowerCase();
      if (!isEmail(value)) return { ok: false, reason: `person.email: invalid email "${value}"` };
    }
    if (entity === 'person') mapped.person[name as PersonField] = value;
    else if (entity === 'saasUser') mapped.saasUser[name as SaasUserField] = value;
    else mapped.custom[name] = value;
    if (field.unique && value !== null) mapped.uniqueValues.push([mapping.target, String(value)]);
  }
  if (!mapped.person.email) return { ok: false, reason: 'no email: person.email is empty' };
  if (definition.recordType === 'user_and_saas_user' && !mapped.saasUser.externalId) {
    return { ok: false, reason: 'no external id: saasUser.externalId is empty' };
  }
  const unique = new Map(mapped.uniqueValues);
  mapped.syncKeys = definition.syncKeys.flatMap((key) => (unique.has(key) ? [[key, unique.get(key) as string] as [string, string]] : []));
  if (mapped.syncKeys.length === 0) return { ok: false, reason: `no value for any sync key (${definition.syncKeys.join(', ')})` };
  return { ok: true, mapped };
}

export { PERSON_COLUMNS, SAAS_USER_COLUMNS };
