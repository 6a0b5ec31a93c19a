import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  PersonUpdatedV1,
  RpcErrorCode,
  SaasUserDeactivatedV1,
  SaasUserReactivatedV1,
  type DeactivateSaasUserRequest,
  type ListPeopleRequest,
  type ListSaasUsersRequest,
  type Page,
  type PersonView,
  type SaasAppView,
  type SaasUserView,
  type UpdatePersonRequest,
  type UpdateSaasAppRequest,
} from '@seatkeeper/contracts';
import { OutboxWriter, RpcException } from '@seatkeeper/platform-messaging';
import { compileToSql, type FieldCatalog } from '@seatkeeper/rules';
import { PEOPLE_CATALOG, SAAS_USERS_CATALOG } from './directory.catalogs';
import { checkedFilter } from './directory-filter';
import { PersonRepository } from './person.repository';
import {
  iso,
  personSnapshot,
  SAAS_USER_SELECT,
  saasUserSnapshot,
  toPersonView,
  type PersonRow,
  type SaasUserRow,
} from './rows';

const DEFAULT_LIMIT = 50;

interface SaasUserListRow extends SaasUserRow {
  app_name: string;
  vendor: string;
  p_email: string | null;
  p_full_name: string | null;
  p_employment_status: string | null;
}

interface SaasAppRow {
  id: string;
  name: string;
  vendor: string;
  seat_price: string | null;
  currency: string | null;
  seats_purchased: number | null;
  saas_users: string;
  created_at: Date;
  updated_at: Date;
}

/** A rule (libs/rules) as a SQL condition over the directory's aliases; VALIDATION_FAILED naming the rule's bad parts. */
export function filterSql(filter: Record<string, unknown> | undefined, catalog: FieldCatalog): { sql: string; params: unknown[] } {
  const rule = checkedFilter(filter, catalog);
  if (!rule) return { sql: 'true', params: [] };
  const { sql, params } = compileToSql(rule, catalog, { now: new Date(), placeholder: 'knex' });
  return { sql, params };
}

function toSaasUserView(r: SaasUserListRow): SaasUserView {
  return {
    id: r.id,
    saasAppId: r.saas_app_id,
    integrationId: r.integration_id,
    appName: r.app_name,
    vendor: r.vendor,
    externalId: r.external_id,
    email: r.email,
    vendorRole: r.vendor_role,
    type: r.type,
    invitationSent: r.invitation_sent,
    license: r.license,
    status: r.status,
    deactivatedReason: r.deactivated_reason,
    deactivatedAt: iso(r.deactivated_at),
    lastActivityAt: iso(r.last_activity_at),
    lastActivitySource: r.last_activity_source,
    missingUpstreamSince: iso(r.missing_upstream_since),
    person: r.person_id
      ? { id: r.person_id, email: r.p_email as string, fullName: r.p_full_name, employmentStatus: r.p_employment_status as string }
      : null,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}

const SAAS_USER_LIST_SELECT = `${SAAS_USER_SELECT.split(',').map((c) => `s.${c.trim()}`).join(', ')},
  a.name as app_name, a.vendor, p.email as p_email, p.full_name as p_full_name, p.employment_status as p_employment_status
  from saas_user s join saas_app a on a.id = s.saas_app_id left join person p on p.id = s.person_id`;

/** The directory's reads and the operator's writes: people, SaaS apps, SaaS users. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: OutboxWriter,
    private readonly people: PersonRepository,
  ) {}

  async listPeople(req: ListPeopleRequest): Promise<Page<PersonView>> {
    const limit = req.limit ?? DEFAULT_LIMIT;
    const rows = await this.people.list(this.orm.em.fork(), {
      filter: checkedFilter(req.filter, PEOPLE_CATALOG),
      afterId: req.cursor ? this.cursor(req.cursor) : undefined,
      limit,
    });
    const page = rows.slice(0, limit);
    return { data: page.map(toPersonView), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
  }

  async getPerson(personId: string): Promise<PersonView> {
    return toPersonView(await this.findPerson(this.orm.em.fork(), personId));
  }

  async updatePerson(req: UpdatePersonRequest): Promise<PersonView> {
    return this.orm.em.fork().transactional(async (em) => {
      const person = await this.findPerson(em, req.personId, true);
      const next = {
        employment_status: req.employmentStatus ?? person.employment_status,
        termination_date: req.terminationDate !== undefined ? (req.terminationDate?.slice(0, 10) ?? null) : person.termination_date,
        department: req.department !== undefined ? req.department : person.department,
        job_title: req.jobTitle !== undefined ? req.jobTitle : person.job_title,
        directory_role: req.directoryRole ?? person.directory_role,
      };
      if (next.employment_status === 'terminated' && !next.termination_date) {
        throw new RpcException(RpcErrorCode.ValidationFailed, 'A terminated person needs a termination date', [
          { field: 'terminationDate', messages: ['required when employmentStatus is terminated'] },
        ]);
      }
      if (next.employment_status !== 'terminated') next.termination_date = null;
      const changed: Record<string, unknown> = {};
      const names: Record<keyof typeof next, string> = {
        employment_status: 'employmentStatus',
        termination_date: 'terminationDate',
        department: 'department',
        job_title: 'jobTitle',
        directory_role: 'directoryRole',
      };
      for (const key of Object.keys(next) as (keyof typeof next)[]) {
        if ((person[key] ?? null) !== (next[key] ?? null)) changed[names[key]] = next[key];
      }
      if (Object.keys(changed).length === 0) return toPersonView(person);
      await this.people.updateOperatorFields(em, person.id, next);
      const updated = await this.findPerson(em, person.id);
      await this.outbox.add(em, PersonUpdatedV1, personSnapshot(updated, changed), { entityKey: `person:${person.id}` });
      return toPersonView(updated);
    });
  }

  async listSaasApps(): Promise<{ data: SaasAppView[] }> {
    const rows = await this.orm.em.fork().execute<SaasAppRow[]>(`${this.appSelect()} group by a.id order by a.name, a.id`);
    return { data: rows.map(toSaasAppView) };
  }

  async getSaasApp(saasAppId: string): Promise<SaasAppView> {
    const rows = await this.orm.em.fork().execute<SaasAppRow[]>(`${this.appSelect()} where a.id = ? group by a.id`, [saasAppId]);
    if (!rows[0]) throw new RpcException(RpcErrorCode.NotFound, `No SaaS app ${saasAppId}`);
    return toSaasAppView(rows[0]);
  }

  async updateSaasApp(req: UpdateSaasAppRequest): Promise<SaasAppView> {
    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (column: string, value: unknown): void => {
      sets.push(`${column} = ?`);
      params.push(value);
    };
    if (req.name !== undefined) set('name', req.name);
    if (req.seatPrice !== undefined) set('seat_price', req.seatPrice);
    if (req.currency !== undefined) set('currency', req.currency);
    if (req.seatsPurchased !== undefined) set('seats_purchased', req.seatsPurchased);
    if (sets.length > 0) {
      const rows = await this.orm.em
        .fork()
        .execute<{ id: string }[]>(`update saas_app set ${sets.join(', ')}, updated_at = now() where id = ? returning id`, [
          ...params,
          req.saasAppId,
        ]);
      if (rows.length === 0) throw new RpcException(RpcErrorCode.NotFound, `No SaaS app ${req.saasAppId}`);
    }
    return this.getSaasApp(req.saasAppId);
  }

  async listSaasUsers(req: ListSaasUsersRequest): Promise<Page<SaasUserView>> {
    const limit = req.limit ?? DEFAULT_LIMIT;
    const f = filterSql(req.filter, SAAS_USERS_CATALOG);
    const where = [f.sql];
    const params = [...f.params];
    const add = (clause: string, value: unknown): void => {
      where.push(clause);
      params.push(value);
    };
    if (req.saasAppId) add('s.saas_app_id = ?', req.saasAppId);
    if (req.personId) add('s.person_id = ?', req.personId);
    if (req.status) add('s.status = ?', req.status);
    if (req.cursor) add('s.id > ?', this.cursor(req.cursor));
    const rows = await this.orm.em
      .fork()
      .execute<SaasUserListRow[]>(`select ${SAAS_USER_LIST_SELECT} where ${where.join(' and ')} order by s.id limit ?`, [...params, limit + 1]);
    const page = rows.slice(0, limit);
    return { data: page.map(toSaasUserView), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
  }

  async getSaasUser(saasUserId: string, em: EntityManager = this.orm.em.fork()): Promise<SaasUserView> {
    const rows = await em.execute<SaasUserListRow[]>(`select ${SAAS_USER_LIST_SELECT} where s.id = ?`, [saasUserId]);
    if (!rows[0]) throw new RpcException(RpcErrorCode.NotFound, `No SaaS user ${saasUserId}`);
    return toSaasUserView(rows[0]);
  }

  /** Operators mark an account deactivated (e.g. after removing it in the vendor by hand). Repeating it changes nothing. */
  async deactivateSaasUser(req: DeactivateSaasUserRequest): Promise<SaasUserView> {
    return this.setStatus(req.saasUserId, 'deactivated', req.reason);
  }

  async reactivateSaasUser(saasUserId: string): Promise<SaasUserView> {
    return this.setStatus(saasUserId, 'active', null);
  }

  private async setStatus(saasUserId: string, status: 'active' | 'deactivated', reason: string | null): Promise<SaasUserView> {
    return this.orm.em.fork().transactional(async (em) => {
      const rows = await em.execute<(SaasUserRow & { vendor: string })[]>(
        `select ${SAAS_USER_SELECT.split(',').map((c) => `s.${c.trim()}`).join(', ')}, a.vendor
         from saas_user s join saas_app a on a.id = s.saas_app_id where s.id = ? for update of s`,
        [saasUserId],
      );
      const su = rows[0];
      if (!su) throw new RpcException(RpcErrorCode.NotFound, `No SaaS user ${saasUserId}`);
      if (su.status === 'deleted') throw new RpcException(RpcErrorCode.Conflict, 'The SaaS user is deleted');
      if (su.status === status) return this.getSaasUser(saasUserId, em);
      const [updated] = (await em.execute<SaasUserRow[]>(
        `update saas_user set status = ?, deactivated_reason = ?, deactivated_at = case when ? = 'deactivated' then now() else null end,
           updated_at = now() where id = ? returning ${SAAS_USER_SELECT}`,
        [status, reason, status, saasUserId],
      )) as [SaasUserRow];
      await this.outbox.add(
        em,
        status === 'deactivated' ? SaasUserDeactivatedV1 : SaasUserReactivatedV1,
        saasUserSnapshot(updated, su.vendor, { status, deactivatedReason: reason }),
        { entityKey: `saas-user:${saasUserId}` },
      );
      return this.getSaasUser(saasUserId, em);
    });
  }

  private async findPerson(em: EntityManager, personId: string, lock = false): Promise<PersonRow> {
    const person = await this.people.findById(em, personId, { lock });
    if (!person) throw new RpcException(RpcErrorCode.NotFound, `No person ${personId}`);
    return person;
  }

  private appSelect(): string {
    return `select a.id, a.name, a.vendor, a.seat_price::text as seat_price, a.currency, a.seats_purchased, a.created_at, a.updated_at,
      count(s.id) filter (where s.status <> 'deleted') as saas_users
      from saas_app a left join saas_user s on s.saas_app_id = a.id`;
  }

  /** Cursors are the last id of the previous page (UUIDv7: time-ordered). */
  private cursor(cursor: string): string {
    if (!/^[0-9a-f-]{36}$/i.test(cursor)) throw new RpcException(RpcErrorCode.ValidationFailed, 'Invalid cursor', [{ field: 'cursor', messages: ['not a cursor from a previous page'] }]);
    return cursor;
  }
}

function toSaasAppView(r: SaasAppRow): SaasAppView {
  return {
    id: r.id,
    name: r.name,
    vendor: r.vendor,
    seatPrice: r.seat_price,
    currency: r.currency,
    seatsPurchased: r.seats_purchased,
    saasUsers: Number(r.saas_users),
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}
