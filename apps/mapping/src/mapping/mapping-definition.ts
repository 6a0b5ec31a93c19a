import type { FieldMappingDto, RecordType, SyncPreference } from '@seatkeeper/contracts';
import type { Rule } from '@seatkeeper/rules';

/** One integration's mapping, as the applier uses it (rows of `mapping_definition`). */
export interface MappingDefinition {
  integrationId: string;
  vendor: string;
  appName: string;
  saasAppId: string;
  recordType: RecordType;
  preference: SyncPreference;
  deactivateMissing: boolean;
  maxDeactivatePercent: number;
  maxDeactivateCount: number;
  mappings: FieldMappingDto[];
  syncKeys: string[];
  filter: Rule | null;
  sourceSamples: Record<string, unknown>;
  samplesRunId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CustomField {
  id: string;
  key: string;
  name: string;
  type: string;
  unique: boolean;
  createdAt: Date;
}
