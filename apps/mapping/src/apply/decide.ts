import type { SyncPreference } from '@seatkeeper/contracts';
import { iso, MISSING_UPSTREAM_REASON, type PersonRow, type SaasUserRow } from '../directory/rows';
import type { MappedRecord, MappedValue } from '../mapping/record-mapper';
import { PERSON_COLUMNS, type PersonField } from '../mapping/target-fields';

export type Changes = Record<string, unknown>;

/** What applying one mapped record does to one directory entry (a person or a SaaS user). */
export type Decision =
  | { kind: 'create' }
  | { kind: 'update'; changes: Changes }
  /** The preference forbids the write (create_only and the entry differs; update_only and there is none). */
  | { kind: 'skip' }
  | { kind: 'unchanged' };

export type SaasUserDecision = Decision & { reactivated?: boolean };

export type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped';

const OUTCOME: Record<Decision['kind'], Outcome> = { create: 'created', update: 'updated', skip: 'skipped', unchanged: 'unchanged' };
const RANK: Record<Outcome, number> = { unchanged: 0, skipped: 1, updated: 2, created: 3 };

/** A record's outcome is the strongest of its entries' (a created SaaS user of an existing person counts as created). */
export function strongest(...decisions: Decision[]): Outcome {
  return decisions.map((d) => OUTCOME[d.kind]).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'unchanged' as Outcome);
}

/** The one rule for people and SaaS users alike: the preference says whether a missing entry is created and a changed one updated. */
function byPreference(exists: boolean, changes: Changes, preference: SyncPreference): Decision {
  if (!exists) return preference === 'update_only' ? { kind: 'skip' } : { kind: 'create' };
  if (Object.keys(changes).length === 0) return { kind: 'unchanged' };
  return preference === 'create_only' ? { kind: 'skip' } : { kind: 'update', changes };
}

export function decidePerson(existing: PersonRow | undefined, mapped: MappedRecord, preference: SyncPreference): Decision {
  return byPreference(existing !== undefined, existing ? personDiff(existing, mapped) : {}, preference);
}

export function decideSaasUser(existing: SaasUserRow | undefined, values: Record<string, MappedValue>, preference: SyncPreference): SaasUserDecision {
  if (!existing) return byPreference(false, {}, preference);
  const { changes, reactivated } = saasUserDiff(existing, values);
  const decision = byPreference(true, changes, preference);
  return decision.kind === 'update' ? { ...decision, reactivated } : decision;
}

const PERSON_FIELDS = Object.keys(PERSON_COLUMNS) as PersonField[];
const TIMESTAMP_COLUMNS = new Set(['last_activity_at', 'deactivated_at', 'missing_upstream_since']);

function sameValue(a: unknown, b: unknown, timestamp = false): boolean {
  // The driver may hand timestamps back as Dates or as Postgres text: compare instants.
  if (timestamp || a instanceof Date || b instanceof Date) {
    return iso((a ?? null) as Date | string | null) === iso((b ?? null) as Date | string | null);
  }
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return (a ?? null) === (b ?? null);
}

/** Only mapped fields are compared: a field the mapping does not set is never a change. */
export function personDiff(existing: PersonRow, mapped: MappedRecord): Changes {
  const changes: Changes = {};
  for (const field of PERSON_FIELDS) {
    if (!(field in mapped.person)) continue;
    const value = mapped.person[field] ?? null;
    if (field === 'employmentStatus' && value === null) continue;
    if (!sameValue(existing[PERSON_COLUMNS[field]], value)) changes[field] = value;
  }
  for (const [key, value] of Object.entries(mapped.custom)) {
    if (!sameValue(existing.custom_fields[key], value)) changes[`custom.${key}`] = value;
  }
  return changes;
}

export function saasUserDiff(su: SaasUserRow, values: Record<string, MappedValue>): { changes: Changes; reactivated: boolean } {
  const changes: Changes = {};
  for (const [column, value] of Object.entries(values)) {
    if (column === 'person_id' && value === null) continue;
    if (!sameValue(su[column as keyof SaasUserRow], value, TIMESTAMP_COLUMNS.has(column))) changes[camel(column)] = value;
  }
  if (su.missing_upstream_since) changes['missingUpstreamSince'] = null;
  // An account that was deactivated only because a run missed it is back upstream: active again.
  const reactivated = su.status === 'deactivated' && su.deactivated_reason === MISSING_UPSTREAM_REASON;
  if (reactivated) changes['status'] = 'active';
  return { changes, reactivated };
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}
