import type { IntegrationView, SyncVendor } from '@seatkeeper/contracts';
import type { Schedule } from './schedule';

/** An `integration` row as Postgres returns it. */
export interface IntegrationRow {
  id: string;
  name: string;
  /** The connector the registry builds for it (`SyncConnectorRegistry.connect(vendor, …)`). */
  vendor: SyncVendor;
  record_type: IntegrationView['recordType'];
  installation_type: IntegrationView['installationType'];
  credential_id: string | null;
  local_secret: { kind: 'env' | 'file'; name: string; authKind: 'token' | 'bearer' } | null;
  runner_pool: string;
  region: IntegrationView['region'];
  base_url: string | null;
  preference: IntegrationView['preference'];
  schedule: Schedule;
  extras: IntegrationView['extras'];
  status: IntegrationView['status'];
  next_run_at: Date | null;
  credential_rejected_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface LastRunRow {
  id: string;
  status: string;
  finished_at: Date | null;
}

export function toIntegrationView(row: IntegrationRow, lastRun: LastRunRow | null = null): IntegrationView {
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    recordType: row.record_type,
    installationType: row.installation_type,
    credentialId: row.credential_id,
    localSecret: row.local_secret,
    runnerPool: row.runner_pool,
    region: row.region,
    baseUrl: row.base_url,
    preference: row.preference,
    schedule: row.schedule,
    extras: row.extras,
    status: row.status,
    nextRunAt: iso(row.next_run_at),
    lastRun: lastRun ? { id: lastRun.id, status: lastRun.status, finishedAt: iso(lastRun.finished_at) } : null,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

export function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}
