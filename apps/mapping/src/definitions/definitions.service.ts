import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  RpcErrorCode,
  type CreateCustomFieldRequest,
  type CustomFieldView,
  type MappingCheckResult,
  type MappingDefinitionView,
  type MappingSuggestion,
  type PutMappingDefinitionRequest,
  type RetryQuarantineResult,
  type TargetFieldView,
} from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { checkRule, type Rule } from '@seatkeeper/rules';
import { QuarantineRepository } from '../apply/quarantine.repository';
import { RecordApplier } from '../apply/record-applier';
import { iso } from '../directory/rows';
import { checkDefinition } from '../mapping/definition-check';
import type { CustomField, MappingDefinition } from '../mapping/mapping-definition';
import { sourceFieldCatalog, sourceFieldTypes } from '../mapping/source-fields';
import { suggestMappings } from '../mapping/smart-mapping';
import { targetFields } from '../mapping/target-fields';
import { DefinitionRepository } from './definition.repository';
import { SourceSamplesService } from './source-samples.service';

/** The admin's side of mapping: definitions, custom fields, suggestions, the check the sync service asks, quarantine retry. */
@Injectable()
export class DefinitionsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly definitions: DefinitionRepository,
    private readonly quarantine: QuarantineRepository,
    private readonly applier: RecordApplier,
    private readonly samples: SourceSamplesService,
  ) {}

  async check(integrationId: string): Promise<MappingCheckResult> {
    const em = this.orm.em.fork();
    const [def, custom] = [await this.definitions.find(em, integrationId), await this.definitions.customFields(em)];
    return checkDefinition(def, targetFields(custom));
  }

  async get(integrationId: string): Promise<MappingDefinitionView> {
    const em = this.orm.em.fork();
    const def = await this.definitions.find(em, integrationId);
    if (!def) throw new RpcException(RpcErrorCode.NotFound, `No mapping definition for integration ${integrationId}`);
    return this.toView(def, await this.definitions.customFields(em));
  }

  async list(): Promise<{ data: MappingDefinitionView[] }> {
    const em = this.orm.em.fork();
    const custom = await this.definitions.customFields(em);
    return { data: (await this.definitions.list(em)).map((d) => this.toView(d, custom)) };
  }

  async put(req: PutMappingDefinitionRequest): Promise<MappingDefinitionView> {
    return this.orm.em.fork().transactional(async (em) => {
      const custom = await this.definitions.customFields(em);
      const fields = targetFields(custom);
      const existing = await this.definitions.find(em, req.integrationId);
      const problems: { field: string; messages: string[] }[] = [];
      req.mappings.forEach((m, i) => {
        if (!fields.has(m.target)) problems.push({ field: `mappings[${i}].target`, messages: [`unknown target field ${m.target}`] });
      });
      req.syncKeys.forEach((key, i) => {
        const field = fields.get(key);
        if (!field?.unique) {
          problems.push({ field: `syncKeys[${i}]`, messages: [`${key} is not a unique field; only unique fields may be sync keys`] });
        }
      });
      if (req.filter) {
        const checked = checkRule(req.filter, sourceFieldCatalog(req.vendor, existing?.sourceSamples ?? {}));
        if (!checked.ok) problems.push(...checked.errors.map((e) => ({ field: `filter${e.path ? `.${e.path}` : ''}`, messages: [e.message] })));
      }
      if (problems.length > 0) throw new RpcException(RpcErrorCode.ValidationFailed, 'The mapping definition is invalid', problems);
      const def = await this.definitions.upsert(em, {
        integrationId: req.integrationId,
        vendor: req.vendor,
        appName: req.appName,
        recordType: req.recordType,
        preference: req.preference,
        deactivateMissing: req.deactivateMissing,
        maxDeactivatePercent: req.blastRadius?.maxPercent ?? 10,
        maxDeactivateCount: req.blastRadius?.maxCount ?? 50,
        mappings: req.mappings.map((m) => ({ ...m, transform: { ...m.transform } })),
        syncKeys: req.syncKeys,
        filter: (req.filter as Rule | null | undefined) ?? null,
      });
      return this.toView(def, custom);
    });
  }

  async delete(integrationId: string): Promise<{ deleted: boolean }> {
    return this.orm.em.fork().transactional(async (em) => ({ deleted: await this.definitions.delete(em, integrationId) }));
  }

  /** Works without a saved mapping: the samples are the latest run's, else one page read from the vendor. */
  async suggest(integrationId: string): Promise<{ suggestions: MappingSuggestion[] }> {
    const { sourceFields } = await this.samples.sourceFields(integrationId);
    const fields = targetFields(await this.definitions.customFields(this.orm.em.fork()));
    return { suggestions: suggestMappings(sourceFields, fields) };
  }

  async targetFields(): Promise<{ data: TargetFieldView[] }> {
    return { data: [...targetFields(await this.definitions.customFields(this.orm.em.fork())).values()] };
  }

  async customFields(): Promise<{ data: CustomFieldView[] }> {
    return { data: (await this.definitions.customFields(this.orm.em.fork())).map(toCustomFieldView) };
  }

  async createCustomField(req: CreateCustomFieldRequest): Promise<CustomFieldView> {
    const key = req.key ?? keyFromName(req.name);
    if (!/^[a-z][a-z0-9_]{0,59}$/.test(key)) {
      throw new RpcException(RpcErrorCode.ValidationFailed, 'The field needs a key', [{ field: 'key', messages: ['give a key: a-z, 0-9, _'] }]);
    }
    const created = await this.orm.em.fork().transactional((em) =>
      this.definitions.createCustomField(em, { key, name: req.name, type: req.type, unique: req.unique }),
    );
    if (!created) throw new RpcException(RpcErrorCode.Conflict, `A custom field with key ${key} exists`);
    return toCustomFieldView(created);
  }

  async retryQuarantine(integrationId: string, ids?: string[]): Promise<RetryQuarantineResult> {
    return this.orm.em.fork().transactional(async (em: EntityManager) => {
      const def = await this.definitions.find(em, integrationId);
      if (!def) throw new RpcException(RpcErrorCode.NotFound, `No mapping definition for integration ${integrationId}`);
      const records = await this.quarantine.openRecords(em, integrationId, ids);
      if (records.length === 0) return { retried: 0, applied: 0, stillQuarantined: 0 };
      const result = await this.applier.apply(em, def, await this.definitions.customFields(em), records, { runId: null, seq: null });
      return { retried: records.length, applied: records.length - result.quarantined, stillQuarantined: result.quarantined };
    });
  }

  private sourceFields(def: MappingDefinition): { name: string; sample: unknown }[] {
    return Object.keys(sourceFieldTypes(def.vendor, def.sourceSamples)).map((name) => ({
      name,
      sample: def.sourceSamples[name] ?? null,
    }));
  }

  private toView(def: MappingDefinition, custom: CustomField[]): MappingDefinitionView {
    return {
      integrationId: def.integrationId,
      vendor: def.vendor,
      appName: def.appName,
      saasAppId: def.saasAppId,
      recordType: def.recordType,
      preference: def.preference,
      deactivateMissing: def.deactivateMissing,
      blastRadius: { maxPercent: def.maxDeactivatePercent, maxCount: def.maxDeactivateCount },
      mappings: def.mappings,
      syncKeys: def.syncKeys,
      filter: def.filter as Record<string, unknown> | null,
      sourceFields: this.sourceFields(def),
      samplesFromRunId: def.samplesRunId,
      check: checkDefinition(def, targetFields(custom)),
      createdAt: iso(def.createdAt) as string,
      updatedAt: iso(def.updatedAt) as string,
    };
  }
}

function keyFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^([0-9])/, 'f_$1')
    .slice(0, 60);
}

function toCustomFieldView(c: CustomField): CustomFieldView {
  return { id: c.id, key: c.key, name: c.name, type: c.type as CustomFieldView['type'], unique: c.unique, createdAt: iso(c.createdAt) as string };
}
