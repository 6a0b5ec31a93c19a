import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { FieldMappingDto, RecordType, SyncPreference } from '@seatkeeper/contracts';
import type { Rule } from '@seatkeeper/rules';
import { v7 as uuidv7 } from 'uuid';
import type { CustomField, MappingDefinition } from '../mapping/mapping-definition';

interface DefinitionRow {
  integration_id: string;
  vendor: string;
  app_name: string;
  saas_app_id: string;
  record_type: RecordType;
  preference: SyncPreference;
  deactivate_missing: boolean;
  max_deactivate_percent: number;
  max_deactivate_count: number;
  mappings: FieldMappingDto[];
  sync_keys: string[];
  filter: Rule | null;
  source_samples: Record<string, unknown>;
  samples_run_id: string | null;
  created_at: Date;
  updated_at: Date;
}

function toDefinition(r: DefinitionRow): MappingDefinition {
  return {
    integrationId: r.integration_id,
    vendor: r.vendor,
    appName: r.app_name,
    saasAppId: r.saas_app_id,
    recordType: r.record_type,
    preference: r.preference,
    deactivateMissing: r.deactivate_missing,
    maxDeactivatePercent: r.max_deactivate_percent,
    maxDeactivateCount: r.max_deactivate_count,
    mappings: r.mappings,
    syncKeys: r.sync_keys,
    filter: r.filter,
    sourceSamples: r.source_samples,
    samplesRunId: r.samples_run_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Known display names of vendors' apps, used when the first integration does not name it. */
const VENDOR_APP_NAMES: Record<string, string> = { pagerduty: 'PagerDuty' };

export type DefinitionInput = Omit<MappingDefinition, 'saasAppId' | 'sourceSamples' | 'samplesRunId' | 'createdAt' | 'updatedAt' | 'appName'> & {
  appName?: string;
};

/** Mapping definitions (one per integration), custom fields, and the SaaS app an integration creates. */
@Injectable()
export class DefinitionRepository {
  async find(em: EntityManager, integrationId: string): Promise<MappingDefinition | null> {
    const rows = await em.execute<DefinitionRow[]>('select * from mapping_definition where integration_id = ?', [integrationId]);
    return rows[0] ? toDefinition(rows[0]) : null;
  }

  async list(em: EntityManager): Promise<MappingDefinition[]> {
    const rows = await em.execute<DefinitionRow[]>('select * from mapping_definition order by created_at, integration_id');
    return rows.map(toDefinition);
  }

  /** The vendor's SaaS app, created by its first integration. */
  async ensureSaasApp(em: EntityManager, vendor: string, name: string | undefined): Promise<string> {
    const rows = await em.execute<{ id: string }[]>(
      `insert into saas_app (id, name, vendor) values (?, ?, ?)
       on conflict (vendor) do update set vendor = excluded.vendor returning id`,
      [uuidv7(), name ?? VENDOR_APP_NAMES[vendor] ?? vendor, vendor],
    );
    return (rows[0] as { id: string }).id;
  }

  async upsert(em: EntityManager, input: DefinitionInput): Promise<MappingDefinition> {
    const saasAppId = await this.ensureSaasApp(em, input.vendor, input.appName);
    const apps = await em.execute<{ name: string }[]>('select name from saas_app where id = ?', [saasAppId]);
    const appName = (apps[0] as { name: string }).name;
    await em.execute(
      `insert into mapping_definition (integration_id, vendor, app_name, saas_app_id, record_type, preference, deactivate_missing,
         max_deactivate_percent, max_deactivate_count, mappings, sync_keys, filter)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
       on conflict (integration_id) do update set vendor = excluded.vendor, app_name = excluded.app_name,
         saas_app_id = excluded.saas_app_id, record_type = excluded.record_type, preference = excluded.preference,
         deactivate_missing = excluded.deactivate_missing, max_deactivate_percent = excluded.max_deactivate_percent,
         max_deactivate_count = excluded.max_deactivate_count, mappings = excluded.mappings, sync_keys = excluded.sync_keys,
         filter = excluded.filter, updated_at = now()`,
      [
        input.integrationId,
        input.vendor,
        appName,
        saasAppId,
        input.recordType,
        input.preference,
        input.deactivateMissing,
        input.maxDeactivatePercent,
        input.maxDeactivateCount,
        JSON.stringify(input.mappings),
        JSON.stringify(input.syncKeys),
        input.filter ? JSON.stringify(input.filter) : null,
      ],
    );
    return (await this.find(em, input.integrationId)) as MappingDefinition;
  }

  async delete(em: EntityManager, integrationId: string): Promise<boolean> {
    const rows = await em.execute<{ integration_id: string }[]>(
      'delete from mapping_definition where integration_id = ? returning integration_id',
      [integrationId],
    );
    return rows.length > 0;
  }

  /** Stores the latest run's sample values, only when they differ (an unchanged sync writes nothing). */
  async saveSamples(em: EntityManager, def: MappingDefinition, samples: Record<string, unknown>, runId: string): Promise<void> {
    const merged = { ...def.sourceSamples, ...samples };
    if (JSON.stringify(merged) === JSON.stringify(def.sourceSamples)) return;
    await em.execute('update mapping_definition set source_samples = ?::jsonb, samples_run_id = ? where integration_id = ?', [
      JSON.stringify(merged),
      runId,
      def.integrationId,
    ]);
  }

  async customFields(em: EntityManager): Promise<CustomField[]> {
    const rows = await em.execute<{ id: string; key: string; name: string; type: string; is_unique: boolean; created_at: Date }[]>(
      'select id, key, name, type, is_unique, created_at from custom_field order by created_at, key',
    );
    return rows.map((r) => ({ id: r.id, key: r.key, name: r.name, type: r.type, unique: r.is_unique, createdAt: r.created_at }));
  }

  /** Returns null when the key is taken. */
  async createCustomField(
    em: EntityManager,
    field: { key: string; name: string; type: string; unique: boolean },
  ): Promise<CustomField | null> {
    const rows = await em.execute<{ id: string; created_at: Date }[]>(
      `insert into custom_field (id, key, name, type, is_unique) values (?, ?, ?, ?, ?)
       on conflict (key) do nothing returning id, created_at`,
      [uuidv7(), field.key, field.name, field.type, field.unique],
    );
    const row = rows[0];
    return row ? { id: row.id, createdAt: row.created_at, ...field } : null;
  }
}
