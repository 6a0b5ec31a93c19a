import { Injectable } from '@nestjs/common';
import {
  DirectoryPeopleGet,
  DirectoryPeopleImport,
  DirectoryPeopleList,
  DirectoryPeopleUpdate,
  DirectorySaasAppsGet,
  DirectorySaasAppsList,
  DirectorySaasAppsUpdate,
  DirectorySaasUsersDeactivate,
  DirectorySaasUsersGet,
  DirectorySaasUsersList,
  DirectorySaasUsersReactivate,
  type ImportPeopleRequest,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import type { Page, PageQueryDto } from '../http/pagination';
import { fieldErrors } from '../http/problem';
import { toCamelCase, toSnakeCase } from '../http/public-names';
import { withPublicFieldNames } from '../http/service-field-names';
import { pageOfAll } from '../mappings/small-list.page';
import { toPersonDto, type ImportPeopleDto, type ImportPeopleResultDto, type ListPeopleQuery, type PersonDto, type UpdatePersonDto } from './people.dto';
import { ruleOf } from './rule-filter.query';
import type { SaasAppDto, UpdateSaasAppDto } from './saas-apps.dto';
import { toSaasUserDto, type DeactivateSaasUserDto, type ListSaasUsersQuery, type SaasUserDto } from './saas-users.dto';

const PERSON = { personId: 'id' };
const SAAS_APP = { saasAppId: 'id' };
const SAAS_USER = { saasUserId: 'id' };

/** `{format, content}` or `{rows}`, exactly one of them; rows travel to the service as a JSON feed. */
function importRequest(body: ImportPeopleDto): ImportPeopleRequest {
  if (body.rows !== undefined && body.content !== undefined) {
    throw fieldErrors([{ field: 'rows', messages: ['send either content (with format) or rows, not both'] }]);
  }
  if (body.rows !== undefined) {
    if (body.format === 'csv') throw fieldErrors([{ field: 'format', messages: ['rows are JSON; leave format out or send json'] }]);
    return { format: 'json', content: JSON.stringify(body.rows) };
  }
  if (body.content === undefined) throw fieldErrors([{ field: 'content', messages: ['send content (with format) or rows'] }]);
  if (body.format === undefined) throw fieldErrors([{ field: 'format', messages: ['format (csv or json) is required with content'] }]);
  return { format: body.format, content: body.content };
}

/** Calls the mapping service's `directory.*` requests and answers in the public (snake_case) shapes. */
@Injectable()
export class DirectoryService {
  constructor(private readonly rpc: RpcClient) {}

  async listPeople(query: ListPeopleQuery): Promise<Page<PersonDto>> {
    const page = await withPublicFieldNames(this.rpc.request(DirectoryPeopleList, { ...toCamelCase(query), filter: ruleOf(query.filter) }));
    return { data: page.data.map(toPersonDto), next_cursor: page.nextCursor };
  }

  async getPerson(personId: string): Promise<PersonDto> {
    return toPersonDto(await this.rpc.request(DirectoryPeopleGet, { personId }));
  }

  async updatePerson(personId: string, body: UpdatePersonDto): Promise<PersonDto> {
    return toPersonDto(await withPublicFieldNames(this.rpc.request(DirectoryPeopleUpdate, { ...toCamelCase(body), personId }), PERSON));
  }

  async importPeople(body: ImportPeopleDto): Promise<ImportPeopleResultDto> {
    return toSnakeCase(await withPublicFieldNames(this.rpc.request(DirectoryPeopleImport, importRequest(body))));
  }

  async listSaasApps(query: PageQueryDto): Promise<Page<SaasAppDto>> {
    const { data } = await this.rpc.request(DirectorySaasAppsList, {});
    return pageOfAll(toSnakeCase(data), (a) => a.id, query);
  }

  async getSaasApp(saasAppId: string): Promise<SaasAppDto> {
    return toSnakeCase(await this.rpc.request(DirectorySaasAppsGet, { saasAppId }));
  }

  async updateSaasApp(saasAppId: string, body: UpdateSaasAppDto): Promise<SaasAppDto> {
    return toSnakeCase(await withPublicFieldNames(this.rpc.request(DirectorySaasAppsUpdate, { ...toCamelCase(body), saasAppId }), SAAS_APP));
  }

  async listSaasUsers(query: ListSaasUsersQuery): Promise<Page<SaasUserDto>> {
    const page = await withPublicFieldNames(this.rpc.request(DirectorySaasUsersList, { ...toCamelCase(query), filter: ruleOf(query.filter) }));
    return { data: page.data.map(toSaasUserDto), next_cursor: page.nextCursor };
  }

  async getSaasUser(saasUserId: string): Promise<SaasUserDto> {
    return toSaasUserDto(await this.rpc.request(DirectorySaasUsersGet, { saasUserId }));
  }

  async deactivateSaasUser(saasUserId: string, body: DeactivateSaasUserDto): Promise<SaasUserDto> {
    return toSaasUserDto(await withPublicFieldNames(this.rpc.request(DirectorySaasUsersDeactivate, { ...toCamelCase(body), saasUserId }), SAAS_USER));
  }

  async reactivateSaasUser(saasUserId: string): Promise<SaasUserDto> {
    return toSaasUserDto(await this.rpc.request(DirectorySaasUsersReactivate, { saasUserId }));
  }
}
