import { defineRequest } from '../../define-request';
import { IntegrationRef, type SourceFieldView, type TransformDto } from './mapping-definition.dto';

export interface MappingSuggestion {
  source: string | null;
  target: string;
  transform: TransformDto;
  /** 0…1: how sure the heuristic is. */
  confidence: number;
  /** Why it was suggested, e.g. `sample "a@b.io" looks like an email`. */
  reason: string;
}

/**
 * Smart mapping: suggestions from source field names and sample values, for the admin to accept or
 * change. Works without a saved mapping (the samples of `mapping.definitions.source-fields`).
 */
export const MappingDefinitionsSuggest = defineRequest<{ suggestions: MappingSuggestion[] }>(
  'mapping.definitions.suggest',
  IntegrationRef,
  'mapping',
);

/** Where the source fields' samples come from. */
export type SamplesSource = 'run' | 'vendor_sample' | 'none';

export interface SourceFieldsResult {
  integrationId: string;
  vendor: string;
  sourceFields: SourceFieldView[];
  /** `run`: the latest run's records; `vendor_sample`: one page read from the vendor now (no run yet); `none`: neither could be had. */
  samplesFrom: SamplesSource;
  /** The run the samples come from (`run` only). */
  samplesFromRunId: string | null;
  /** Why the vendor could not be read (`none` only). */
  samplesError?: string;
}

/**
 * Source fields with samples for any integration, with or without a saved mapping: the latest
 * run's, else one page read from the vendor (`sync.integrations.sample-page`). `NOT_FOUND` only
 * for an integration that does not exist.
 */
export const MappingDefinitionsSourceFields = defineRequest<SourceFieldsResult>('mapping.definitions.source-fields', IntegrationRef, 'mapping');
