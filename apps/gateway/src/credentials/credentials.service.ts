import { Injectable } from '@nestjs/common';
import {
  VaultAccessLogList,
  VaultCredentialsCreate,
  VaultCredentialsDelete,
  VaultCredentialsGet,
  VaultCredentialsList,
  VaultCredentialsReplaceSecret,
  VaultCredentialsTest,
  VaultCredentialsUpdate,
  VaultKeysRotate,
  VaultKeysStatus,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import type { Page, PageQueryDto } from '../http/pagination';
import { ParentLookup } from '../http/parent-exists';
import { toCamelCase, toSnakeCase } from '../http/public-names';
import { withPublicFieldNames } from '../http/service-field-names';
import type {
  AccessLogEntryDto,
  AccessLogQuery,
  CreateCredentialDto,
  CredentialDto,
  CredentialTestResultDto,
  DeletedCredentialDto,
  KeyRingDto,
  ListCredentialsQuery,
  ReplaceSecretDto,
  RotateMasterKeyDto,
  TestCredentialDto,
  UpdateCredentialDto,
} from './credentials.dto';

/** Calls the credential-vault service's `vault.*` requests; bodies and answers cross by the one naming rule (`public-names`). */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly parents: ParentLookup,
  ) {}

  async create(body: CreateCredentialDto, actor: string): Promise<CredentialDto> {
    return toSnakeCase(await withPublicFieldNames(this.rpc.request(VaultCredentialsCreate, { ...toCamelCase(body), actor })));
  }

  async list(query: ListCredentialsQuery): Promise<Page<CredentialDto>> {
    return toSnakeCase(await this.rpc.request(VaultCredentialsList, toCamelCase(query)));
  }

  async get(id: string): Promise<CredentialDto> {
    return toSnakeCase(await this.rpc.request(VaultCredentialsGet, { id }));
  }

  async update(id: string, body: UpdateCredentialDto, actor: string): Promise<CredentialDto> {
    return toSnakeCase(await withPublicFieldNames(this.rpc.request(VaultCredentialsUpdate, { ...toCamelCase(body), id, actor })));
  }

  async replaceSecret(id: string, body: ReplaceSecretDto, actor: string): Promise<CredentialDto> {
    return toSnakeCase(await withPublicFieldNames(this.rpc.request(VaultCredentialsReplaceSecret, { ...toCamelCase(body), id, actor })));
  }

  async delete(id: string, actor: string): Promise<DeletedCredentialDto> {
    return this.rpc.request(VaultCredentialsDelete, { id, actor });
  }

  async test(id: string, body: TestCredentialDto, actor: string): Promise<CredentialTestResultDto> {
    return toSnakeCase(await this.rpc.request(VaultCredentialsTest, { ...toCamelCase(body), id, actor }));
  }

  /** The vault lists entries of any id (an unknown one has none); the API answers 404 for an unknown credential. */
  async accessLogOf(credentialId: string, query: PageQueryDto): Promise<Page<AccessLogEntryDto>> {
    await this.parents.credential(credentialId);
    return toSnakeCase(await this.rpc.request(VaultAccessLogList, { ...toCamelCase(query), credentialId }));
  }

  async accessLog(query: AccessLogQuery): Promise<Page<AccessLogEntryDto>> {
    return toSnakeCase(await this.rpc.request(VaultAccessLogList, toCamelCase(query)));
  }

  async keys(): Promise<KeyRingDto> {
    return toSnakeCase(await this.rpc.request(VaultKeysStatus, {}));
  }

  async rotate(body: RotateMasterKeyDto, actor: string): Promise<KeyRingDto> {
    return toSnakeCase(await withPublicFieldNames(this.rpc.request(VaultKeysRotate, { ...toCamelCase(body), actor })));
  }
}
