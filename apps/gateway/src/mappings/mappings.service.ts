import { Injectable } from '@nestjs/common';
import {
  MappingCustomFieldsCreate,
  MappingCustomFieldsList,
  MappingDefinitionsCheck,
  MappingDefinitionsDelete,
  MappingDefinitionsGet,
  MappingDefinitionsList,
  MappingDefinitionsPut,
  MappingDefinitionsSourceFields,
  MappingDefinitionsSuggest,
  MappingQuarantineList,
  MappingQuarantineRetry,
  MappingTargetFieldsList,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import type { Page, PageQueryDto } from '../http/pagination';
import { ParentLookup } from '../http/parent-exists';
import { withPublicFieldNames } from '../http/service-field-names';
import type {
  CreateCustomFieldDto,
  CustomFieldDto,
  DeletedMappingDto,
  ListQuarantineQuery,
  MappingCheckDto,
  MappingDefinitionDto,
  MappingSuggestionsDto,
  PutMappingDefinitionDto,
  QuarantinedRecordDto,
  RetryQuarantineDto,
  RetryQuarantineResultDto,
  SourceFieldsDto,
  TargetFieldDto,
} from './mappings.dto';
import {
  toCustomFieldDto,
  toDefinitionDto,
  toFieldMapping,
  toQuarantinedRecordDto,
  toSourceFieldsDto,
  toSuggestionDto,
  toTargetFieldDto,
} from './mappings.mapper';
import { pageOfAll } from './small-list.page';

/** The integration id is the route's `id`. */
const INTEGRATION = { integrationId: 'id' };

/** Mapping may read a sample page from the vendor (through integration-sync) to answer: its own bound is 20 s. */
const VENDOR_SAMPLE_TIMEOUT_MS = 25_000;

/** Calls the mapping service's `mapping.*` requests and answers in the public (snake_case) shapes. */
@Injectable()
export class MappingsService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly parents: ParentLookup,
  ) {}

  async list(query: PageQueryDto): Promise<Page<MappingDefinitionDto>> {
    const { data } = await this.rpc.request(MappingDefinitionsList, {});
    return pageOfAll(data.map(toDefinitionDto), (d) => d.integration_id, query);
  }

  async get(integrationId: string): Promise<MappingDefinitionDto> {
    await this.parents.integration(integrationId);
    return toDefinitionDto(await this.rpc.request(MappingDefinitionsGet, { integrationId }));
  }

  async put(integrationId: string, body: PutMappingDefinitionDto): Promise<MappingDefinitionDto> {
    await this.parents.integration(integrationId);
    const view = await withPublicFieldNames(
      this.rpc.request(MappingDefinitionsPut, {
        integrationId,
        vendor: body.vendor,
        appName: body.app_name,
        recordType: body.record_type,
        preference: body.preference,
        deactivateMissing: body.deactivate_missing,
        blastRadius: body.blast_radius ? { maxPercent: body.blast_radius.max_percent, maxCount: body.blast_radius.max_count } : undefined,
        mappings: body.mappings.map(toFieldMapping),
        syncKeys: body.sync_keys,
        filter: body.filter,
      }),
      INTEGRATION,
    );
    return toDefinitionDto(view);
  }

  async delete(integrationId: string): Promise<DeletedMappingDto> {
    await this.parents.integration(integrationId);
    const { deleted } = await this.rpc.request(MappingDefinitionsDelete, { integrationId });
    return { integration_id: integrationId, deleted };
  }

  async check(integrationId: string): Promise<MappingCheckDto> {
    await this.parents.integration(integrationId);
    const { ok, missing } = await this.rpc.request(MappingDefinitionsCheck, { integrationId });
    return { ok, missing };
  }

  async sourceFields(integrationId: string): Promise<SourceFieldsDto> {
    await this.parents.integration(integrationId);
    // Without a run yet, mapping reads a sample page from the vendor: a few calls, more than the default bound.
    return toSourceFieldsDto(await this.rpc.request(MappingDefinitionsSourceFields, { integrationId }, { timeoutMs: VENDOR_SAMPLE_TIMEOUT_MS }));
  }

  async suggestions(integrationId: string): Promise<MappingSuggestionsDto> {
    await this.parents.integration(integrationId);
    const { suggestions } = await this.rpc.request(MappingDefinitionsSuggest, { integrationId }, { timeoutMs: VENDOR_SAMPLE_TIMEOUT_MS });
    return { integration_id: integrationId, suggestions: suggestions.map(toSuggestionDto) };
  }

  async targetFields(query: PageQueryDto): Promise<Page<TargetFieldDto>> {
    const { data } = await this.rpc.request(MappingTargetFieldsList, {});
    return pageOfAll(data.map(toTargetFieldDto), (f) => f.target, query);
  }

  async customFields(query: PageQueryDto): Promise<Page<CustomFieldDto>> {
    const { data } = await this.rpc.request(MappingCustomFieldsList, {});
    return pageOfAll(data.map(toCustomFieldDto), (f) => f.key, query);
  }

  async createCustomField(body: CreateCustomFieldDto): Promise<CustomFieldDto> {
    return toCustomFieldDto(
      await withPublicFieldNames(this.rpc.request(MappingCustomFieldsCreate, { name: body.name, key: body.key, type: body.type, unique: body.unique })),
    );
  }

  async quarantine(integrationId: string, query: ListQuarantineQuery): Promise<Page<QuarantinedRecordDto>> {
    await this.parents.integration(integrationId);
    const page = await withPublicFieldNames(
      this.rpc.request(MappingQuarantineList, { integrationId, status: query.status, limit: query.limit, cursor: query.cursor }),
      INTEGRATION,
    );
    return { data: page.data.map(toQuarantinedRecordDto), next_cursor: page.nextCursor };
  }

  async retryQuarantine(integrationId: string, body: RetryQuarantineDto): Promise<RetryQuarantineResultDto> {
    await this.parents.integration(integrationId);
    const r = await withPublicFieldNames(this.rpc.request(MappingQuarantineRetry, { integrationId, ids: body.ids }), INTEGRATION);
    return { retried: r.retried, applied: r.applied, still_quarantined: r.stillQuarantined };
  }
}
