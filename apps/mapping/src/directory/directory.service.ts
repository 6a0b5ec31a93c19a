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
import { PEOPLE_CATALOG, SAAS_USERS_CATALOG } from './directory.catalogs';
import { checkedFilter } from './directory-filter';
import { PersonRepository } from './person.repository';
import { iso, personSnapshot, saasUserSnapshot, toPersonView, type PersonRow } from './rows';
import { SaasAppRepository, type SaasAppRow } from './saas-app.repository';
import { SaasUserRepository, type SaasUserListRow } from './saas-user.repository';

const DEFAULT_LIMIT = 50;

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

/** The directory's reads and the operator's writes: people, SaaS apps, SaaS users. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: OutboxWriter,
    private readonly people: PersonRepository,
    private readonly saasApps: SaasAppRepository,
    private readonly saasUsers: SaasUserRepository,
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
    const rows = await this.saasApps.list(this.orm.em.fork());
    return { data: rows.map(toSaasAppView) };
  }

  async getSaasApp(saasAppId: string): Promise<SaasAppView> {
    const app = await this.saasApps.findById(this.orm.em.fork(), saasAppId);
    if (!app) throw new RpcException(RpcErrorCode.NotFound, `No SaaS app ${saasAppId}`);
    return toSaasAppView(app);
  }

  async updateSaasApp(req: UpdateSaasAppRequest): Promise<SaasAppView> {
    const { saasAppId, ...changes } = req;
    const found = await this.saasApps.update(this.orm.em.fork(), saasAppId, changes);
    if (!found) throw new RpcException(RpcErrorCode.NotFound, `No SaaS app ${saasAppId}`);
    return this.getSaasApp(saasAppId);
  }

  async listSaasUsers(req: ListSaasUsersRequest): Promise<Page<SaasUserView>> {
    const limit = req.limit ?? DEFAULT_LIMIT;
    const rows = await this.saasUsers.list(this.orm.em.fork(), {
      filter: checkedFilter(req.filter, SAAS_USERS_CATALOG),
      saasAppId: req.saasAppId,
      personId: req.personId,
      status: req.status,
      afterId: req.cursor ? this.cursor(req.cursor) : undefined,
      limit,
    });
    const page = rows.slice(0, limit);
    return { data: page.map(toSaasUserView), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
  }

  async getSaasUser(saasUserId: string, em: EntityManager = this.orm.em.fork()): Promise<SaasUserView> {
    const row = await this.saasUsers.findListRow(em, saasUserId);
    if (!row) throw new RpcException(RpcErrorCode.NotFound, `No SaaS user ${saasUserId}`);
    return toSaasUserView(row);
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
      const su = await this.saasUsers.lockWithVendor(em, saasUserId);
      if (!su) throw new RpcException(RpcErrorCode.NotFound, `No SaaS user ${saasUserId}`);
      if (su.status === 'deleted') throw new RpcException(RpcErrorCode.Conflict, 'The SaaS user is deleted');
      if (su.status === status) return this.getSaasUser(saasUserId, em);
      const updated = await this.saasUsers.setStatus(em, saasUserId, status, reason);
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
