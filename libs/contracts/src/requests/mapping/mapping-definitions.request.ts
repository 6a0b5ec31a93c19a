import { defineRequest } from '../../define-request';
import {
  EmptyRequest,
  IntegrationRef,
  PutMappingDefinitionRequest,
  type MappingCheckResult,
  type MappingDefinitionView,
} from './mapping-definition.dto';

/** May this integration sync? `missing` says exactly what its mapping still lacks. Asked by integration-sync before a run. */
export const MappingDefinitionsCheck = defineRequest<MappingCheckResult>('mapping.definitions.check', IntegrationRef, 'mapping');

export const MappingDefinitionsGet = defineRequest<MappingDefinitionView>('mapping.definitions.get', IntegrationRef, 'mapping');

export const MappingDefinitionsList = defineRequest<{ data: MappingDefinitionView[] }>(
  'mapping.definitions.list',
  EmptyRequest,
  'mapping',
);

/** Creates or replaces an integration's definition (settings, mappings, sync keys, filter); `VALIDATION_FAILED` lists every problem. */
export const MappingDefinitionsPut = defineRequest<MappingDefinitionView>(
  'mapping.definitions.put',
  PutMappingDefinitionRequest,
  'mapping',
);

export const MappingDefinitionsDelete = defineRequest<{ deleted: boolean }>(
  'mapping.definitions.delete',
  IntegrationRef,
  'mapping',
);
