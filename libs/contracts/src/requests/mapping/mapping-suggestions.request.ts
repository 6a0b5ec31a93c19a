import { defineRequest } from '../../define-request';
import { IntegrationRef, type TransformDto } from './mapping-definition.dto';

export interface MappingSuggestion {
  source: string | null;
  target: string;
  transform: TransformDto;
  /** 0…1: how sure the heuristic is. */
  confidence: number;
  /** Why it was suggested, e.g. `sample "a@b.io" looks like an email`. */
  reason: string;
}

/** Smart mapping: suggestions from source field names and sample values, for the admin to accept or change. */
export const MappingDefinitionsSuggest = defineRequest<{ suggestions: MappingSuggestion[] }>(
  'mapping.definitions.suggest',
  IntegrationRef,
  'mapping',
);
