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
  type MappingDefinitionView,
  type SourceFieldView,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import type { Page, PageQueryDto } from '../http/pagination';
import { ParentLookup } from '../http/parent-exists';
import { toCamelCase, toSnakeCase } from '../http/public-names';
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
import { pageOfAll } from './small-list.page';

/** The integration id is the route's `id`. */
const INTEGRATION = { integrationId: 'id' };

/**
 * Values that are data, not shape, cross with their keys as they are: a transform's lookup `map`
 * (vendor values), a `filter` (vendor field names), a quarantined vendor `record`, a field's `sample`.
 */
const DATA_FIELDS = ['map', 'filter', 'record', 'sample'] as const;

/** Deliberate: a source field without a sample answers `sample: null` rather than leaving the key out. */
function withSample(f: SourceFieldView): SourceFieldView {
  return { name: f.name, sample: f.sample ?? null };
}

function toDefinitionDto(v: MappingDefinitionView): MappingDefinitionDto {
  return toSnakeCase({ ...v, sourceFields: v.sourceFields.map(withSample) }, DATA_FIELDS);
}

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
    const request = { ...toCamelCase(body, DATA_FIELDS), integrationId };
    return toDefinitionDto(await withPublicFieldNames(this.rpc.request(MappingDefinitionsPut, request), INTEGRATION));
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
    const r = await this.rpc.request(MappingDefinitionsSourceFields, { integrationId }, { timeoutMs: VENDOR_SAMPLE_TIMEOUT_MS });
    // Deliberate: the route is the integration's, so `vendor` is not repeated; the list is `fields`.
    const { vendor: _vendor, sourceFields, ...rest } = r;
    return { ...toSnakeCase(rest), fields: sourceFields.map(withSample) };
  }

  async suggestions(integrationId: string): Promise<MappingSuggestionsDto> {
    await this.parents.integration(integrationId);
    const { suggestions } = await this.rpc.request(MappingDefinitionsSuggest, { integrationId }, { timeoutMs: VENDOR_SAMPLE_TIMEOUT_MS });
    return { integration_id: integrationId, suggestions: toSnakeCase(suggestions, DATA_FIELDS) };
  }

  async targetFields(query: PageQueryDto): Promise<Page<TargetFieldDto>> {
    const { data } = await this.rpc.request(MappingTargetFieldsList, {});
    return pageOfAll(toSnakeCase(data), (f) => f.target, query);
  }

  async customFields(query: PageQueryDto): Promise<Page<CustomFieldDto>> {
    const { data } = await this.rpc.request(MappingCustomFieldsList, {});
    return pageOfAll(toSnakeCase(data), (f) => f.key, query);
  }

  async createCustomField(body: CreateCustomFieldDto): Promise<CustomFieldDto> {
    return toSnakeCase(await withPublicFieldNames(this.rpc.request(MappingCustomFieldsCreate, toCamelCase(body))));
  }

  async quarantine(integrationId: string, query: ListQuarantineQuery): Promise<Page<QuarantinedRecordDto>> {
    await this.parents.integration(integrationId);
    const request = { ...toCamelCase(query), integrationId };
    return toSnakeCase(await withPublicFieldNames(this.rpc.request(MappingQuarantineList, request), INTEGRATION), DATA_FIELDS);
  }

  async retryQuarantine(integrationId: string, body: RetryQuarantineDto): Promise<RetryQuarantineResultDto> {
    await this.parents.integration(integrationId);
    return toSnakeCase(await withPublicFieldNames(this.rpc.request(MappingQuarantineRetry, { ...toCamelCase(body), integrationId }), INTEGRATION));
  }
}
