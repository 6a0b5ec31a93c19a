import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  PersonCreatedV1,
  PersonUpdatedV1,
  SaasUserCreatedV1,
  SaasUserReactivatedV1,
  SaasUserUpdatedV1,
} from '@seatkeeper/contracts';
import { evaluate } from '@seatkeeper/rules';
import { v7 as uuidv7 } from 'uuid';
import {
  iso,
  personSnapshot,
  saasUserSnapshot,
  type PersonRow,
  type SaasUserRow,
} from '../directory/rows';
import { OutboxWriter, type PendingEvent } from '@seatkeeper/platform-messaging';
import { checkDefinition } from '../mapping/definition-check';
import type { CustomField, MappingDefinition } from '../mapping/mapping-definition';
import { mapRecord, type MappedRecord, type MappedValue } from '../mapping/record-mapper';
import { PERSON_COLUMNS, SAAS_USER_COLUMNS, targetFields, type PersonField } from '../mapping/target-fields';
import { applyTransform } from '../mapping/transforms';
import { decidePerson, decideSaasUser, strongest, type Changes, type SaasUserDecision } from './decide';
import { PersonRepository, type IdentityClaim, type PersonWrite } from '../directory/person.repository';
import { SaasUserRepository, type SaasUserWrite } from '../directory/saas-user.repository';
import { QuarantineRepository, type QuarantineEntry } from './quarantine.repository';

export interface ApplyCounts {
  created: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  filtered: number;
  skipped: number;
}

export interface ApplyResult extends ApplyCounts {
  /** Vendor ids of every record of the page (filtered and quarantined ones too: they exist upstream). */
  seenExternalIds: string[];
}

interface Candidate {
  record: Record<string, unknown>;
  mapped: MappedRecord;
  personId?: string;
}

const PERSON_FIELDS = Object.keys(PERSON_COLUMNS) as PersonField[];
const k = (field: string, value: string): string => `${field}\u0000${value}`;

/**
 * Applies vendor records to the directory in one transaction: filter, map, validate, resolve
 * people by the ranked sync keys, then bulk statements for people, their identities, SaaS users,
 * quarantine and the outbox. A record whose mapped values are already stored writes nothing.
 * What each entry gets (create, update, skip, unchanged) is decided by the pure rules in decide.ts;
 * this class only gathers the rows and hands them to the repositories, whose page statements
 * (a handful per page, whatever its size) are the service's measured hot path.
 */
@Injectable()
export class RecordApplier {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly quarantine: QuarantineRepository,
    private readonly people: PersonRepository,
    private readonly saasUsers: SaasUserRepository,
  ) {}

  async apply(
    em: EntityManager,
    def: MappingDefinition,
    customFields: readonly CustomField[],
    records: readonly Record<string, unknown>[],
    ctx: { runId: string | null; seq: number | null },
  ): Promise<ApplyResult> {
    const counts: ApplyCounts = { created: 0, updated: 0, unchanged: 0, quarantined: 0, filtered: 0, skipped: 0 };
    const fields = targetFields(customFields);
    const seenExternalIds = this.externalIds(def, records);
    const quarantined: QuarantineEntry[] = [];
    const settled: Record<string, unknown>[] = [];

    const check = checkDefinition(def, fields);
    if (!check.ok) {
      const reason = `the mapping definition is incomplete: ${check.missing.join('; ')}`;
      await this.quarantine.put(em, def.integrationId, ctx, records.map((record) => ({ record, reason })));
      return { ...counts, quarantined: records.length, seenExternalIds };
    }

    let candidates: Candidate[] = [];
    const now = new Date();
    for (const record of records) {
      if (def.filter && !evaluate(def.filter, record, { now })) {
        counts.filtered++;
        settled.push(record);
        continue;
      }
      const result = mapRecord(record, def, fields);
      if (result.ok) candidates.push({ record, mapped: result.mapped });
      else quarantined.push({ record, reason: result.reason });
    }

    candidates = this.dropBatchDuplicates(def, candidates, quarantined);
    candidates = await this.resolvePeople(em, candidates, quarantined);

    const persons = await this.lockPeople(em, candidates);
    const saasUsers = def.recordType === 'user_and_saas_user' ? await this.lockSaasUsers(em, def, candidates) : new Map<string, SaasUserRow>();

    const personInserts: PersonWrite[] = [];
    const personUpdates: PersonWrite[] = [];
    const personChanges = new Map<string, { created: boolean; changes: Changes }>();
    const identities: IdentityClaim[] = [];
    const suInserts: SaasUserWrite[] = [];
    const suUpdates: SaasUserWrite[] = [];
    const suChanges = new Map<string, { created: boolean; reactivated: boolean; changes: Changes }>();

    for (const c of candidates) {
      const existing = c.personId ? persons.get(c.personId) : undefined;
      const person = decidePerson(existing, c.mapped, def.preference);
      let personId: string | null = existing?.id ?? null;
      if (person.kind === 'create') {
        personId = uuidv7();
        personInserts.push(this.personRow(personId, null, c.mapped));
        personChanges.set(personId, { created: true, changes: {} });
        identities.push(...c.mapped.uniqueValues.map(([field, value]) => ({ field, value, personId: personId as string })));
      } else if (person.kind === 'update' && existing) {
        personUpdates.push(this.personRow(existing.id, existing, c.mapped));
        personChanges.set(existing.id, { created: false, changes: person.changes });
        identities.push(...c.mapped.uniqueValues.map(([field, value]) => ({ field, value, personId: existing.id })));
      }
      let saasUser: SaasUserDecision = { kind: 'unchanged' };
      if (def.recordType === 'user_and_saas_user') {
        const su = saasUsers.get(String(c.mapped.saasUser.externalId));
        const values = this.saasUserValues(def, c.mapped, personId);
        saasUser = decideSaasUser(su, values, def.preference);
        if (saasUser.kind === 'create') {
          const id = uuidv7();
          suInserts.push({ id, ...values });
          suChanges.set(id, { created: true, reactivated: false, changes: {} });
        } else if (saasUser.kind === 'update' && su) {
          const reactivated = saasUser.reactivated === true;
          suUpdates.push({ ...this.saasUserRowValues(su), ...values, id: su.id, ...(reactivated ? { status: 'active', deactivated_reason: null, deactivated_at: null } : {}) });
          suChanges.set(su.id, { created: false, reactivated, changes: saasUser.changes });
        }
      }
      counts[strongest(person, saasUser)]++;
      settled.push(c.record);
    }

    await this.people.insertMany(em, personInserts);
    await this.people.updateMany(em, personUpdates);
    await this.people.claimIdentities(em, identities);
    await this.saasUsers.insertMany(em, suInserts);
    await this.saasUsers.updateMany(em, suUpdates);
    await this.quarantine.put(em, def.integrationId, ctx, quarantined);
    await this.quarantine.resolve(em, def.integrationId, settled);
    counts.quarantined = quarantined.length;

    await this.outbox.addAll(em, [
      ...(await this.personEvents(em, personChanges)),
      ...(await this.saasUserEvents(em, def.vendor, suChanges)),
    ]);
    return { ...counts, seenExternalIds };
  }

  private externalIds(def: MappingDefinition, records: readonly Record<string, unknown>[]): string[] {
    const mapping = def.mappings.find((m) => m.target === 'saasUser.externalId');
    if (def.recordType !== 'user_and_saas_user' || !mapping) return [];
    return records.flatMap((r) => {
      const v = applyTransform(r, mapping);
      return typeof v === 'string' || typeof v === 'number' ? [String(v)] : [];
    });
  }

  /** Two records of one page with one sync key (or one vendor id) cannot both be right: both are quarantined. */
  private dropBatchDuplicates(def: MappingDefinition, candidates: Candidate[], quarantined: QuarantineEntry[]): Candidate[] {
    const keysOf = (c: Candidate): string[] => [
      ...c.mapped.uniqueValues.map(([f, v]) => k(f, v)),
      ...(def.recordType === 'user_and_saas_user' ? [k('saasUser.externalId', String(c.mapped.saasUser.externalId))] : []),
    ];
    const count = new Map<string, number>();
    for (const c of candidates) for (const key of keysOf(c)) count.set(key, (count.get(key) ?? 0) + 1);
    return candidates.filter((c) => {
      const dup = keysOf(c).find((key) => (count.get(key) ?? 0) > 1);
      if (!dup) return true;
      const [f, v] = dup.split('\u0000');
      quarantined.push({ record: c.record, reason: `two or more records in this batch share ${f} = "${v}"` });
      return false;
    });
  }

  /** The person of each record: the first ranked sync key that names one. Any other unique value held by someone else is a conflict. */
  private async resolvePeople(em: EntityManager, candidates: Candidate[], quarantined: QuarantineEntry[]): Promise<Candidate[]> {
    const pairs = new Map<string, { field: string; value: string }>();
    for (const c of candidates) for (const [field, value] of c.mapped.uniqueValues) pairs.set(k(field, value), { field, value });
    if (pairs.size === 0) return candidates;
    const owners = await this.people.owners(em, [...pairs.values()]);
    const owner = new Map(owners.map((o) => [k(o.field, o.value), o.personId]));
    const resolved: Candidate[] = [];
    for (const c of candidates) {
      const match = c.mapped.syncKeys.find(([f, v]) => owner.has(k(f, v)));
      const personId = match ? owner.get(k(match[0], match[1])) : undefined;
      const conflict = c.mapped.uniqueValues.find(([f, v]) => owner.has(k(f, v)) && owner.get(k(f, v)) !== personId);
      if (conflict) {
        quarantined.push({ record: c.record, reason: `${conflict[0]} "${conflict[1]}" already belongs to another person` });
        continue;
      }
      resolved.push({ ...c, personId });
    }
    const perPerson = new Map<string, number>();
    for (const c of resolved) if (c.personId) perPerson.set(c.personId, (perPerson.get(c.personId) ?? 0) + 1);
    return resolved.filter((c) => {
      if (!c.personId || (perPerson.get(c.personId) ?? 0) < 2) return true;
      quarantined.push({ record: c.record, reason: 'two or more records in this batch resolve to the same person' });
      return false;
    });
  }

  private async lockPeople(em: EntityManager, candidates: Candidate[]): Promise<Map<string, PersonRow>> {
    const ids = [...new Set(candidates.flatMap((c) => (c.personId ? [c.personId] : [])))];
    const rows = await this.people.lockMany(em, ids);
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async lockSaasUsers(em: EntityManager, def: MappingDefinition, candidates: Candidate[]): Promise<Map<string, SaasUserRow>> {
    const ids = candidates.map((c) => String(c.mapped.saasUser.externalId));
    const rows = await this.saasUsers.lockByExternalIds(em, def.saasAppId, ids);
    return new Map(rows.map((r) => [r.external_id, r]));
  }

  /** The full row to write: the stored values, overlaid with what the mapping says. */
  private personRow(id: string, existing: PersonRow | null, mapped: MappedRecord): PersonWrite {
    const row: Record<string, unknown> = { id };
    for (const field of PERSON_FIELDS) {
      const column = PERSON_COLUMNS[field];
      const stored = existing ? existing[column] : null;
      const value = field in mapped.person ? mapped.person[field] : stored;
      row[column] = field === 'employmentStatus' ? (value ?? stored ?? 'active') : (value ?? null);
    }
    row['custom_fields'] = { ...(existing?.custom_fields ?? {}), ...mapped.custom };
    return row as PersonWrite;
  }

  private saasUserValues(def: MappingDefinition, mapped: MappedRecord, personId: string | null): Record<string, MappedValue> {
    const values: Record<string, MappedValue> = {
      saas_app_id: def.saasAppId,
      integration_id: def.integrationId,
      person_id: personId,
      email: (mapped.person.email as string | undefined) ?? null,
    };
    for (const [field, column] of Object.entries(SAAS_USER_COLUMNS)) {
      if (field in mapped.saasUser) values[column] = mapped.saasUser[field as keyof typeof SAAS_USER_COLUMNS] ?? null;
    }
    if ('lastActivityAt' in mapped.saasUser) {
      const source = def.mappings.find((m) => m.target === 'saasUser.lastActivityAt')?.source ?? 'mapping';
      values['last_activity_source'] = `${def.vendor}.${source}`;
    }
    return values;
  }

  private saasUserRowValues(su: SaasUserRow): Record<string, unknown> {
    const { created_at: _c, updated_at: _u, ...rest } = su;
    return { ...rest, last_activity_at: iso(su.last_activity_at), missing_upstream_since: null, deactivated_at: iso(su.deactivated_at) };
  }

  private async personEvents(em: EntityManager, changes: Map<string, { created: boolean; changes: Changes }>): Promise<PendingEvent[]> {
    if (changes.size === 0) return [];
    const rows = await this.people.findMany(em, [...changes.keys()]);
    return rows.map((row) => {
      const c = changes.get(row.id) as { created: boolean; changes: Changes };
      return {
        definition: c.created ? PersonCreatedV1 : PersonUpdatedV1,
        data: personSnapshot(row, c.changes),
        entityKey: `person:${row.id}`,
      };
    });
  }

  private async saasUserEvents(
    em: EntityManager,
    vendor: string,
    changes: Map<string, { created: boolean; reactivated: boolean; changes: Changes }>,
  ): Promise<PendingEvent[]> {
    if (changes.size === 0) return [];
    const rows = await this.saasUsers.findMany(em, [...changes.keys()]);
    return rows.map((row) => {
      const c = changes.get(row.id) as { created: boolean; reactivated: boolean; changes: Changes };
      const definition = c.created ? SaasUserCreatedV1 : c.reactivated ? SaasUserReactivatedV1 : SaasUserUpdatedV1;
      return { definition, data: saasUserSnapshot(row, vendor, c.changes), entityKey: `saas-user:${row.id}` };
    });
  }
}
