import type {
  CustomFieldView,
  FieldMappingDto,
  MappingDefinitionView,
  MappingSuggestion,
  SourceFieldsResult,
  QuarantinedRecordView,
  TargetFieldView,
  TransformDto,
} from '@seatkeeper/contracts';
import type {
  CustomFieldDto,
  FieldMappingBodyDto,
  FieldMappingView,
  MappingDefinitionDto,
  MappingSuggestionDto,
  QuarantinedRecordDto,
  SourceFieldsDto,
  TargetFieldDto,
  TransformBodyDto,
  TransformView,
} from './mappings.dto';

/** Transform options have one-word names in both spellings; only defined ones travel. */
function transformOf(t: TransformBodyDto | TransformDto): TransformDto & TransformView {
  const out: TransformDto = { type: t.type };
  if (t.value !== undefined) out.value = t.value;
  if (t.template !== undefined) out.template = t.template;
  if (t.part !== undefined) out.part = t.part;
  if (t.map !== undefined) out.map = t.map;
  if (t.default !== undefined) out.default = t.default;
  if (t.format !== undefined) out.format = t.format;
  return out;
}

export function toFieldMapping(m: FieldMappingBodyDto): FieldMappingDto {
  return { ...(m.source !== undefined ? { source: m.source } : {}), target: m.target, transform: transformOf(m.transform) };
}

function toFieldMappingView(m: FieldMappingDto): FieldMappingView {
  return { ...(m.source !== undefined ? { source: m.source } : {}), target: m.target, transform: transformOf(m.transform) };
}

export function toDefinitionDto(v: MappingDefinitionView): MappingDefinitionDto {
  return {
    integration_id: v.integrationId,
    vendor: v.vendor,
    app_name: v.appName,
    saas_app_id: v.saasAppId,
    record_type: v.recordType,
    preference: v.preference,
    deactivate_missing: v.deactivateMissing,
    blast_radius: { max_percent: v.blastRadius.maxPercent, max_count: v.blastRadius.maxCount },
    mappings: v.mappings.map(toFieldMappingView),
    sync_keys: v.syncKeys,
    filter: v.filter,
    source_fields: v.sourceFields.map((f) => ({ name: f.name, sample: f.sample ?? null })),
    samples_from_run_id: v.samplesFromRunId,
    check: { ok: v.check.ok, missing: v.check.missing },
    created_at: v.createdAt,
    updated_at: v.updatedAt,
  };
}

export function toSourceFieldsDto(v: SourceFieldsResult): SourceFieldsDto {
  return {
    integration_id: v.integrationId,
    samples_from: v.samplesFrom,
    samples_from_run_id: v.samplesFromRunId,
    ...(v.samplesError !== undefined ? { samples_error: v.samplesError } : {}),
    fields: v.sourceFields.map((f) => ({ name: f.name, sample: f.sample ?? null })),
  };
}

export function toTargetFieldDto(f: TargetFieldView): TargetFieldDto {
  return {
    target: f.target,
    entity: f.entity,
    label: f.label,
    type: f.type,
    unique: f.unique,
    ...(f.maxLength !== undefined ? { max_length: f.maxLength } : {}),
    ...(f.allowed !== undefined ? { allowed: [...f.allowed] } : {}),
  };
}

export function toCustomFieldDto(c: CustomFieldView): CustomFieldDto {
  return { id: c.id, key: c.key, name: c.name, type: c.type, unique: c.unique, created_at: c.createdAt };
}

export function toSuggestionDto(s: MappingSuggestion): MappingSuggestionDto {
  return { source: s.source, target: s.target, transform: transformOf(s.transform), confidence: s.confidence, reason: s.reason };
}

export function toQuarantinedRecordDto(q: QuarantinedRecordView): QuarantinedRecordDto {
  return {
    id: q.id,
    integration_id: q.integrationId,
    run_id: q.runId,
    seq: q.seq,
    record: q.record,
    reason: q.reason,
    status: q.status,
    attempts: q.attempts,
    created_at: q.createdAt,
    updated_at: q.updatedAt,
  };
}
