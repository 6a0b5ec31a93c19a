import { Injectable } from '@nestjs/common';
import {
  CreateCustomFieldRequest,
  IntegrationRef,
  ListQuarantineRequest,
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
  PutMappingDefinitionRequest,
  RetryQuarantineRequest,
} from '@seatkeeper/contracts';
import { MikroORM } from '@mikro-orm/postgresql';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { QuarantineRepository } from '../apply/quarantine.repository';
import { DefinitionsService } from './definitions.service';
import { SourceSamplesService } from './source-samples.service';

/** `mapping.*` request-reply: thin, every answer comes from DefinitionsService. */
@Injectable()
export class DefinitionsHandler {
  constructor(
    private readonly definitions: DefinitionsService,
    private readonly quarantine: QuarantineRepository,
    private readonly orm: MikroORM,
    private readonly samples: SourceSamplesService,
  ) {}

  @OnRequest(MappingDefinitionsCheck)
  check(req: IntegrationRef) {
    return this.definitions.check(req.integrationId);
  }

  @OnRequest(MappingDefinitionsGet)
  get(req: IntegrationRef) {
    return this.definitions.get(req.integrationId);
  }

  @OnRequest(MappingDefinitionsList)
  list() {
    return this.definitions.list();
  }

  @OnRequest(MappingDefinitionsPut)
  put(req: PutMappingDefinitionRequest) {
    return this.definitions.put(req);
  }

  @OnRequest(MappingDefinitionsDelete)
  delete(req: IntegrationRef) {
    return this.definitions.delete(req.integrationId);
  }

  @OnRequest(MappingDefinitionsSuggest)
  suggest(req: IntegrationRef) {
    return this.definitions.suggest(req.integrationId);
  }

  @OnRequest(MappingDefinitionsSourceFields)
  sourceFields(req: IntegrationRef) {
    return this.samples.sourceFields(req.integrationId);
  }

  @OnRequest(MappingTargetFieldsList)
  targetFields() {
    return this.definitions.targetFields();
  }

  @OnRequest(MappingCustomFieldsList)
  customFields() {
    return this.definitions.customFields();
  }

  @OnRequest(MappingCustomFieldsCreate)
  createCustomField(req: CreateCustomFieldRequest) {
    return this.definitions.createCustomField(req);
  }

  @OnRequest(MappingQuarantineList)
  listQuarantine(req: ListQuarantineRequest) {
    return this.quarantine.list(this.orm.em.fork(), { ...req, limit: req.limit ?? 100 });
  }

  @OnRequest(MappingQuarantineRetry)
  retryQuarantine(req: RetryQuarantineRequest) {
    return this.definitions.retryQuarantine(req.integrationId, req.ids);
  }
}
