import {
  MappingCustomFieldsCreate,
  MappingDefinitionsPut,
  SyncBatchFetchedV1,
  SyncRunFetchedV1,
  type EventDefinition,
  type FieldMappingDto,
  type PutMappingDefinitionRequest,
  type RecordType,
  type SyncPreference,
} from '@seatkeeper/contracts';
import { Naming, NatsConnectionHolder, RpcClient } from '@seatkeeper/platform-messaging';
import { expectEventually, startServiceForTest, type ServiceUnderTest } from '@seatkeeper/testing';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { MappingEnv } from '../src/config/mapping.env';
import { mappingService } from '../src/service-definition';

/** A PagerDuty `GET /users` record, shaped like the API's (see shared/reference/pagerduty/NOTES.md). */
export function pdUser(scope: string, i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `P${scope.toUpperCase()}${String(i).padStart(5, '0')}`;
  const name = `Ann${i} Example${scope}`;
  return {
    id,
    type: 'user',
    summary: name,
    self: `https://api.pagerduty.com/users/${id}`,
    html_url: `https://acme.pagerduty.com/users/${id}`,
    name,
    email: `ann${i}@${scope}.example.com`,
    time_zone: 'Europe/Paris',
    color: 'green',
    role: i % 10 === 0 ? 'admin' : 'limited_user',
    avatar_url: 'https://pd-static-assets.pagerduty.com/users/blank-avatar.png',
    description: null,
    invitation_sent: false,
    job_title: 'Engineer',
    teams: [{ id: 'PQ9K7I8', type: 'team_reference', summary: 'Engineering' }],
    contact_methods: [],
    notification_rules: [],
    billed: true,
    last_sign_in_at: '2026-10-01T08:00:00Z',
    connector_sync_time: '2026-11-28T00:00:00Z',
    ...overrides,
  };
}

export function pdUsers(scope: string, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => pdUser(scope, i + 1));
}

const PERSON_MAPPINGS: FieldMappingDto[] = [
  { source: 'email', target: 'person.email', transform: { type: 'lower_case' } },
  { source: 'email', target: 'person.username', transform: { type: 'lower_case' } },
  { source: 'name', target: 'person.fullName', transform: { type: 'trim' } },
  { source: 'name', target: 'person.firstName', transform: { type: 'split_full_name', part: 'first' } },
  { source: 'name', target: 'person.lastName', transform: { type: 'split_full_name', part: 'last' } },
  { source: 'job_title', target: 'person.jobTitle', transform: { type: 'copy' } },
  { source: 'time_zone', target: 'person.timeZone', transform: { type: 'copy' } },
  { target: 'person.directoryRole', transform: { type: 'constant', value: 'member' } },
  { source: 'id', target: 'custom.pagerduty_user_id', transform: { type: 'copy' } },
];

const SAAS_USER_MAPPINGS: FieldMappingDto[] = [
  { source: 'id', target: 'saasUser.externalId', transform: { type: 'copy' } },
  { source: 'role', target: 'saasUser.vendorRole', transform: { type: 'copy' } },
  { source: 'type', target: 'saasUser.type', transform: { type: 'copy' } },
  { source: 'invitation_sent', target: 'saasUser.invitationSent', transform: { type: 'copy' } },
  { source: 'last_sign_in_at', target: 'saasUser.lastActivityAt', transform: { type: 'date' } },
];

export function pagerDutyDefinition(
  integrationId: string,
  overrides: Partial<PutMappingDefinitionRequest> = {},
): PutMappingDefinitionRequest {
  const recordType = overrides.recordType ?? 'user_and_saas_user';
  return {
    integrationId,
    vendor: 'pagerduty',
    recordType,
    preference: 'create_update',
    deactivateMissing: false,
    mappings: recordType === 'user' ? PERSON_MAPPINGS : [...PERSON_MAPPINGS, ...SAAS_USER_MAPPINGS],
    syncKeys: ['custom.pagerduty_user_id', 'person.email'],
    filter: { field: 'role', op: 'neq', value: 'observer' },
    ...overrides,
  };
}

/** The mapping service on its own database and bus prefix, with helpers to play integration-sync's part. */
export class MappingFixture {
  private constructor(
    readonly svc: ServiceUnderTest<MappingEnv>,
    readonly pg: Client,
  ) {}

  static async start(): Promise<MappingFixture> {
    const svc = await startServiceForTest(mappingService);
    const pg = new Client({ connectionString: svc.db.url });
    await pg.connect();
    const fixture = new MappingFixture(svc, pg);
    await fixture.rpc.request(MappingCustomFieldsCreate, { name: 'PagerDuty User ID', type: 'string', unique: true });
    return fixture;
  }

  async stop(): Promise<void> {
    await this.pg.end();
    await this.svc.stop();
  }

  get rpc(): RpcClient {
    return this.svc.running.app.get(RpcClient);
  }

  async putDefinition(def: PutMappingDefinitionRequest) {
    return this.rpc.request(MappingDefinitionsPut, def);
  }

  async publish(definition: EventDefinition, data: object): Promise<void> {
    const nats = this.svc.running.app.get(NatsConnectionHolder);
    const naming = this.svc.running.app.get(Naming);
    const id = uuidv7();
    const envelope = {
      id,
      type: definition.subject,
      occurredAt: new Date().toISOString(),
      source: 'integration-sync',
      correlationId: id,
      causationId: null,
      data,
    };
    await nats.js.publish(naming.subject(definition.subject), new TextEncoder().encode(JSON.stringify(envelope)), { msgID: id });
  }

  /**
   * Publishes a run the way integration-sync does: its pages, then `sync.run.fetched`. With
   * `runFetchedFirst` the end-of-run fact overtakes the pages. Resolves when mapping finished the run.
   */
  async sync(
    integrationId: string,
    records: Record<string, unknown>[],
    opts: {
      complete?: boolean;
      reason?: string;
      pageSize?: number;
      runFetchedFirst?: boolean;
      /** The integration's settings, as integration-sync puts them on every batch. */
      settings?: { recordType?: RecordType; preference?: SyncPreference };
    } = {},
  ): Promise<SyncRunRow> {
    const runId = uuidv7();
    const pageSize = opts.pageSize ?? 500;
    const pages: Record<string, unknown>[][] = [];
    for (let i = 0; i < records.length; i += pageSize) pages.push(records.slice(i, i + pageSize));
    const fetched = {
      runId,
      integrationId,
      vendor: 'pagerduty',
      batches: pages.length,
      records: records.length,
      complete: opts.complete ?? true,
      ...(opts.reason ? { reason: opts.reason } : {}),
    };
    if (opts.runFetchedFirst) await this.publish(SyncRunFetchedV1, fetched);
    for (const [i, page] of pages.entries()) {
      await this.publish(SyncBatchFetchedV1, { runId, integrationId, vendor: 'pagerduty', seq: i + 1, ...opts.settings, records: page });
    }
    if (!opts.runFetchedFirst) await this.publish(SyncRunFetchedV1, fetched);
    return expectEventually(
      async () => {
        const { rows } = await this.pg.query<SyncRunRow>('select * from mapping.sync_run where run_id = $1 and finished_at is not null', [runId]);
        expect(rows).toHaveLength(1);
        return rows[0] as SyncRunRow;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await this.pg.query<{ n: string }>(sql, params);
    return Number(rows[0]?.n);
  }

  /** Directory events (not sync.applied) written to the outbox so far. */
  async directoryEvents(): Promise<number> {
    return this.count(`select count(*) as n from mapping.outbox where subject like 'directory.%' and subject <> 'directory.sync.applied.v1'`);
  }

  async appliedEvent(runId: string): Promise<Record<string, unknown>> {
    const { rows } = await this.pg.query<{ envelope: { data: Record<string, unknown> } }>(
      `select envelope::jsonb as envelope from mapping.outbox where subject = 'directory.sync.applied.v1' and envelope::jsonb->'data'->>'runId' = $1`,
      [runId],
    );
    expect(rows).toHaveLength(1);
    return (rows[0] as { envelope: { data: Record<string, unknown> } }).envelope.data;
  }
}

export interface SyncRunRow {
  run_id: string;
  created: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  filtered: number;
  skipped: number;
  missing: number;
  deactivated: number;
  reconcile_note: string | null;
  record_type: RecordType | null;
  preference: SyncPreference | null;
}
