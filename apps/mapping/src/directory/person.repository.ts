import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { executeBound } from '@seatkeeper/platform-persistence';
import { compileToSql, type Rule } from '@seatkeeper/rules';
import { PERSON_COLUMNS } from '../mapping/target-fields';
import { PEOPLE_CATALOG } from './directory.catalogs';
import type { PersonRow } from './rows';

/** `termination_date` as text: a `date` must not pass through a JS Date and a time zone. */
const PERSON_SELECT = `id, email, username, full_name, first_name, last_name, job_title, time_zone, department,
  directory_role, employment_status, termination_date::text as termination_date, custom_fields, created_at, updated_at`;

/** The columns a sync writes: every mapped person column, then the custom fields. */
const WRITE_COLUMNS = [...Object.values(PERSON_COLUMNS), 'custom_fields'] as const;

type PersonColumn = (typeof PERSON_COLUMNS)[keyof typeof PERSON_COLUMNS];

/** A whole person row as a sync writes it: the stored values overlaid with the mapped ones. */
export type PersonWrite = { id: string; custom_fields: Record<string, unknown> } & Record<PersonColumn, unknown>;

/** One unique value (`person.email`, `custom.pagerduty_user_id`, …) and the person it names. */
export interface IdentityClaim {
  field: string;
  value: string;
  personId: string;
}

/** The fields an operator may set on a person. */
export interface PersonOperatorFields {
  employment_status: string;
  termination_date: string | null;
  department: string | null;
  job_title: string | null;
  directory_role: string | null;
}

/** What an HR feed row sets on a person (the email names them). */
export interface PersonFeedFields {
  employment_status: string;
  department: string | null;
  termination_date: string | null;
}

/**
 * The person aggregate (`person` and its unique identities in `person_identity`).
 *
 * The sync's functions (`owners`, `lockMany`, `findMany`, `insertMany`, `updateMany`,
 * `claimIdentities`) are the hot path of a page of up to 500 records: one statement each, the
 * page sent as one JSON parameter bound as `$n` (`executeBound`) and read with
 * `jsonb_to_recordset`. Look-ups by a page's ids are written `col = any(array(select … from jsonb…))`,
 * not `col in (select … from jsonb…)`: Postgres plans the latter as a hash semi-join over a
 * sequential scan of the whole table (one scan per page: quadratic in a first sync), the former as
 * an index scan.
 */
@Injectable()
export class PersonRepository {
  /** The people already holding any of these unique values. */
  async owners(em: EntityManager, keys: readonly { field: string; value: string }[]): Promise<IdentityClaim[]> {
    if (keys.length === 0) return [];
    const rows = await executeBound<{ key_field: string; key_value: string; person_id: string }[]>(
      em,
      `select i.key_field, i.key_value, i.person_id from person_identity i
       join jsonb_to_recordset(?::jsonb) as x(f text, v text) on i.key_field = x.f and i.key_value = x.v`,
      [JSON.stringify(keys.map((key) => ({ f: key.field, v: key.value })))],
    );
    return rows.map((r) => ({ field: r.key_field, value: r.key_value, personId: r.person_id }));
  }

  /** The people by id, locked (`for update`, in id order) until the transaction ends. */
  async lockMany(em: EntityManager, ids: readonly string[]): Promise<PersonRow[]> {
    if (ids.length === 0) return [];
    return executeBound<PersonRow[]>(
      em,
      `select ${PERSON_SELECT} from person where id = any(array(select (jsonb_array_elements_text(?::jsonb))::uuid)) order by id for update`,
      [JSON.stringify(ids)],
    );
  }

  async findMany(em: EntityManager, ids: readonly string[]): Promise<PersonRow[]> {
    if (ids.length === 0) return [];
    return executeBound<PersonRow[]>(
      em,
      `select ${PERSON_SELECT} from person where id = any(array(select (jsonb_array_elements_text(?::jsonb))::uuid))`,
      [JSON.stringify(ids)],
    );
  }

  async insertMany(em: EntityManager, rows: readonly PersonWrite[]): Promise<void> {
    if (rows.length === 0) return;
    await executeBound(
      em,
      `insert into person (id, ${WRITE_COLUMNS.join(', ')}) select id, ${WRITE_COLUMNS.map((c) => `x.${c}`).join(', ')} from ${writeRecordset()}`,
      [JSON.stringify(rows)],
    );
  }

  async updateMany(em: EntityManager, rows: readonly PersonWrite[]): Promise<void> {
    if (rows.length === 0) return;
    await executeBound(
      em,
      `update person p set ${WRITE_COLUMNS.map((c) => `${c} = x.${c}`).join(', ')}, updated_at = now() from ${writeRecordset()} where p.id = x.id`,
      [JSON.stringify(rows)],
    );
  }

  /** Each person holds one value per unique field: a claim replaces the person's previous value of that field. */
  async claimIdentities(em: EntityManager, claims: readonly IdentityClaim[]): Promise<void> {
    if (claims.length === 0) return;
    await executeBound(
      em,
      `insert into person_identity (key_field, key_value, person_id)
       select f, v, p from jsonb_to_recordset(?::jsonb) as x(f text, v text, p uuid)
       on conflict (person_id, key_field) do update set key_value = excluded.key_value`,
      [JSON.stringify(claims.map((c) => ({ f: c.field, v: c.value, p: c.personId })))],
    );
  }

  /** One page of people matching a (checked) rule, in id order after the cursor; one row more than `limit` tells there is a next page. */
  async list(em: EntityManager, q: { filter?: Rule; afterId?: string; limit: number }): Promise<PersonRow[]> {
    const f = q.filter ? compileToSql(q.filter, PEOPLE_CATALOG, { now: new Date(), placeholder: 'knex' }) : { sql: 'true', params: [] };
    return em.execute<PersonRow[]>(
      `select ${PERSON_SELECT.split(',').map((c) => `p.${c.trim()}`).join(', ')} from person p
       where ${f.sql} ${q.afterId ? 'and p.id > ?' : ''} order by p.id limit ?`,
      [...f.params, ...(q.afterId ? [q.afterId] : []), q.limit + 1],
    );
  }

  /** The person, locked `for update` when asked; null when there is none. */
  async findById(em: EntityManager, personId: string, opts: { lock?: boolean } = {}): Promise<PersonRow | null> {
    const rows = await em.execute<PersonRow[]>(`select ${PERSON_SELECT} from person where id = ? ${opts.lock ? 'for update' : ''}`, [personId]);
    return rows[0] ?? null;
  }

  async updateOperatorFields(em: EntityManager, personId: string, next: PersonOperatorFields): Promise<void> {
    await em.execute(
      `update person set employment_status = ?, termination_date = ?::date, department = ?, job_title = ?, directory_role = ?,
         updated_at = now() where id = ?`,
      [next.employment_status, next.termination_date, next.department, next.job_title, next.directory_role, personId],
    );
  }

  /** The person with this (lower-cased) email, locked until the transaction ends. */
  async lockByEmail(em: EntityManager, email: string): Promise<PersonRow | null> {
    const [row] = await em.execute<PersonRow[]>(`select ${PERSON_SELECT} from person where email = ? for update`, [email]);
    return row ?? null;
  }

  /** A person from an HR feed row, with the identity of their email. */
  async createFromFeed(em: EntityManager, id: string, email: string, fields: PersonFeedFields): Promise<PersonRow> {
    await em.execute(`insert into person (id, email, employment_status, department, termination_date) values (?, ?, ?, ?, ?::date)`, [
      id,
      email,
      fields.employment_status,
      fields.department,
      fields.termination_date,
    ]);
    await em.execute('insert into person_identity (key_field, key_value, person_id) values (?, ?, ?)', ['person.email', email, id]);
    return (await this.findById(em, id)) as PersonRow;
  }

  async updateFromFeed(em: EntityManager, personId: string, fields: PersonFeedFields): Promise<PersonRow> {
    await em.execute('update person set employment_status = ?, department = ?, termination_date = ?::date, updated_at = now() where id = ?', [
      fields.employment_status,
      fields.department,
      fields.termination_date,
      personId,
    ]);
    return (await this.findById(em, personId)) as PersonRow;
  }
}

function writeRecordset(): string {
  return `jsonb_to_recordset(?::jsonb) as x(id uuid, ${WRITE_COLUMNS.map((c) => `${c} ${c === 'custom_fields' ? 'jsonb' : 'text'}`).join(', ')})`;
}
