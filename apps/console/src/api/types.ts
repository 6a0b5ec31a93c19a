// The shapes the console reads, as apps/gateway/openapi.json declares them (snake_case, ISO dates).
import type { Role } from '../session/session';

export interface CurrentToken {
  id: string;
  name: string;
  role: Role;
}

export interface Credential {
  id: string;
  name: string;
  vendor: string;
  description: string | null;
  type: 'api_key' | 'oauth2_client_credentials' | 'basic';
  preset: string | null;
  storage: 'vault' | 'local';
  secret_hint: string | null;
  secret_version: number | null;
  created_at: string;
  last_used_at: string | null;
  last_test: { at: string; ok: boolean; message: string } | null;
}

export interface CredentialTest {
  credential_id?: string;
  integration_id?: string;
  endpoint?: string;
  ok: boolean;
  message: string;
  status?: number;
  tested_at: string;
}

export interface AccessLogEntry {
  id: string;
  credential_id: string;
  action: 'resolve' | 'rewrap';
  caller_service: string;
  integration_id: string | null;
  run_id: string | null;
  purpose: string | null;
  outcome: 'granted' | 'denied' | 'failed' | 'not_found';
  error_code: string | null;
  at: string;
}

export type RunStatus = 'queued' | 'fetching' | 'applying' | 'completed' | 'incomplete' | 'failed' | 'cancelled';
export const ACTIVE_RUN: readonly RunStatus[] = ['queued', 'fetching', 'applying'];

export interface Schedule {
  kind: 'interval' | 'daily';
  interval_minutes?: number | null;
  time_of_day?: string | null;
  time_zone?: string;
}

export interface Integration {
  id: string;
  name: string;
  vendor: 'pagerduty';
  record_type: 'user' | 'user_and_saas_user';
  installation_type: 'cloud' | 'local';
  credential_id: string | null;
  region: 'us' | 'eu';
  base_url: string | null;
  preference: string;
  schedule: Schedule;
  extras: { teams: boolean; licence: boolean; last_sign_in: boolean };
  status: 'draft' | 'active' | 'paused';
  next_run_at: string | null;
  last_run: { id: string; status: RunStatus; finished_at: string | null } | null;
  created_at: string;
}

export interface Run {
  id: string;
  integration_id: string;
  trigger: 'schedule' | 'manual';
  status: RunStatus;
  progress: number;
  counts: { pages: number; requests: number; fetched: number; vendor_total: number | null; applied: number | null; quarantined: number | null };
  complete: boolean | null;
  reason: string | null;
  errors: { at: string; message: string }[];
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface Transform {
  type: 'copy' | 'lower_case' | 'trim' | 'split_full_name' | 'constant' | 'template' | 'date' | 'value_map';
  value?: unknown;
  template?: string;
  part?: 'first' | 'last';
  format?: 'iso' | 'epoch_s' | 'epoch_ms';
  map?: Record<string, string>;
  default?: string;
}
export const TRANSFORMS: Transform['type'][] = ['copy', 'lower_case', 'trim', 'split_full_name', 'constant', 'template', 'date', 'value_map'];

export interface FieldMapping {
  source?: string | null;
  target: string;
  transform: Transform;
}

export interface MappingDefinition {
  integration_id: string;
  vendor: string;
  app_name: string | null;
  record_type: Integration['record_type'];
  preference: string;
  deactivate_missing: boolean;
  mappings: FieldMapping[];
  sync_keys: string[];
  filter: Record<string, unknown> | null;
  source_fields: { name: string; sample: unknown }[];
  check: { ok: boolean; missing: string[] };
}

export interface TargetField {
  target: string;
  entity: 'person' | 'saasUser' | 'custom';
  label: string;
  type: 'string' | 'number' | 'boolean' | 'date';
  unique: boolean;
}

export interface Suggestion {
  source: string;
  target: string;
  transform: Transform;
  confidence: number;
  reason: string;
}

export interface CustomField {
  id: string;
  key: string;
  name: string;
  type: TargetField['type'];
  unique: boolean;
}

export interface QuarantinedRecord {
  id: string;
  run_id: string;
  seq: number;
  record: Record<string, unknown>;
  reason: string;
  status: 'open' | 'resolved';
  attempts: number;
  created_at: string;
}

export interface Person {
  id: string;
  email: string;
  full_name: string | null;
  department: string | null;
  job_title: string | null;
  directory_role: string | null;
  employment_status: 'active' | 'on_leave' | 'terminated';
  termination_date: string | null;
  updated_at: string;
}

export interface SaasApp {
  id: string;
  name: string;
  vendor: string;
  seat_price: string | null;
  currency: string | null;
  seats_purchased: number | null;
  saas_users: number;
}

export interface SaasUser {
  id: string;
  saas_app_id: string;
  app_name: string;
  email: string | null;
  external_id: string;
  vendor_role: string | null;
  license: string | null;
  status: 'active' | 'deactivated' | 'deleted';
  last_activity_at: string | null;
  person: { id: string; email: string; full_name: string | null; employment_status: string } | null;
}

export interface AuditEntry {
  id: string;
  occurred_at: string;
  actor_token_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  status: number;
  request_id: string;
}
