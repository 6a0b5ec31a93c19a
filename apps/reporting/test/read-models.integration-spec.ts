import {
  DirectoryPeopleList,
  DirectoryPeopleUpdate,
  DirectorySaasAppsList,
  DirectorySaasAppsUpdate,
  DirectorySaasUsersList,
  MappingCustomFieldsCreate,
  MappingDefinitionsPut,
  ReportingDashboardsList,
  ReportingReportsCreate,
  ReportingReportsRows,
  ReportingSavings,
  ReportingSavingsLedger,
  ReportingSharedRows,
  ReportingShareLinksCreate,
  ReportingShareLinksRevoke,
  ReportingViewsList,
  ReportingViewsRows,
  ReportingWidgetData,
  SyncBatchFetchedV1,
  SyncRunFetchedV1,
  SyncRunStartedV1,
  WorkflowStepCompletedV1,
  type RowsPageView,
  type SavedViewView,
} from '@seatkeeper/contracts';
import type { RpcClient } from '@seatkeeper/platform-messaging';
import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import { startService, type RunningService } from '@seatkeeper/platform-service';
import { expectEventually, startServiceForTest, startServiceProcess, type ServiceProcess, type ServiceUnderTest } from '@seatkeeper/testing';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { ReportingEnv } from '../src/config/reporting.env';
import { ShareLinksService } from '../src/reports/share-links.service';
import { READ_MODEL_TABLES, rebuildReadModels } from '../src/projections/rebuild.command';
import { reportingService } from '../src/service-definition';
import { publish, rpcOf } from './support';

const DAY = 24 * 3600_000;
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

/** PagerDuty users: 1–4 active recently, 5–7 inactive (200 days), 8–9 never signed in; 1 admin, 2 leavers. */
function pdUser(i: number): Record<string, unknown> {
  return {
    id: `PRP${String(i).padStart(4, '0')}`,
    type: 'user',
    name: `Ann${i} Example`,
    email: `ann${i}@rep.example.com`,
    role: i === 1 || i === 6 ? 'admin' : 'limited_user',
    invitation_sent: false,
    job_title: i % 2 ? 'Engineer' : 'Support',
    last_sign_in_at: i <= 4 ? iso(2 * DAY) : i <= 7 ? iso(200 * DAY) : null,
  };
}

async function allRows(rpc: RpcClient, viewId: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page: RowsPageView = await rpc.request(ReportingViewsRows, { viewId, limit: 2, ...(cursor ? { cursor } : {}) });
    out.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

async function snapshot(pg: Client): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of READ_MODEL_TABLES) out[t] = (await pg.query(`select * from reporting.${t} order by 1`)).rows;
  return out;
}

/**
 * A sync through the real mapping service (a process) and workflow events through the stream
 * into reporting: the default views, the default dashboard and the savings agree with the
 * directory; a share link works until revoked; a replay rebuilds equal read models.
 */
describe('reporting read models, views, dashboard and savings after a sync', () => {
  let reporting: ServiceUnderTest<ReportingEnv>;
  let mapping: ServiceProcess | undefined;
  let pg: Client;
  let rpc: RpcClient;
  let restarted: RunningService | undefined;
  const integrationId = uuidv7();

  beforeAll(async () => {
    reporting = await startServiceForTest(reportingService, { REPORTING_SHARE_LINK_KEY: 'k'.repeat(40) });
    rpc = rpcOf(reporting);
    mapping = await startServiceProcess('mapping', { prefix: reporting.prefix, rpc });
    pg = new Client({ connectionString: reporting.db.url });
    await pg.connect();
  }, 120_000);
  afterAll(async () => {
    await pg?.end();
    await mapping?.stop();
    // After the rebuild test the first instance is closed already; stop() closes it again (a no-op).
    await restarted?.close();
    await reporting?.stop();
  });

  it('projects the sync and the workflow, and every default view, widget and saving matches the directory', async () => {
    await rpc.request(MappingCustomFieldsCreate, { name: 'PagerDuty User ID', type: 'string', unique: true });
    await rpc.request(MappingDefinitionsPut, {
      integrationId,
      vendor: 'pagerduty',
      recordType: 'user_and_saas_user',
      preference: 'create_update',
      deactivateMissing: false,
      mappings: [
        { source: 'email', target: 'person.email', transform: { type: 'lower_case' } },
        { source: 'email', target: 'person.username', transform: { type: 'lower_case' } },
        { source: 'name', target: 'person.fullName', transform: { type: 'trim' } },
        { source: 'job_title', target: 'person.department', transform: { type: 'copy' } },
        { target: 'person.directoryRole', transform: { type: 'constant', value: 'member' } },
        { source: 'id', target: 'custom.pagerduty_user_id', transform: { type: 'copy' } },
        { source: 'id', target: 'saasUser.externalId', transform: { type: 'copy' } },
        { source: 'role', target: 'saasUser.vendorRole', transform: { type: 'copy' } },
        { source: 'last_sign_in_at', target: 'saasUser.lastActivityAt', transform: { type: 'date' } },
      ],
      syncKeys: ['custom.pagerduty_user_id', 'person.email'],
    });
    const runId = uuidv7();
    const records = Array.from({ length: 9 }, (_, i) => pdUser(i + 1));
    await publish(reporting, SyncRunStartedV1, { runId, integrationId, trigger: 'manual' }, { key: `sync-run:${runId}`, seq: 1 }, 'integration-sync');
    await publish(reporting, SyncBatchFetchedV1, { runId, integrationId, vendor: 'pagerduty', seq: 1, records }, undefined, 'integration-sync');
    await publish(reporting, SyncRunFetchedV1, { runId, integrationId, vendor: 'pagerduty', batches: 1, records: 9, complete: true }, { key: `sync-run:${runId}`, seq: 2 }, 'integration-sync');

    // The directory's truth, asked of mapping.
    const saasUsers = await expectEventually(async () => {
      const page = await rpc.request(DirectorySaasUsersList, { limit: 200 });
      expect(page.data).toHaveLength(9);
      return page.data;
    }, { timeoutMs: 20_000 });
    const app = (await rpc.request(DirectorySaasAppsList, {})).data[0];
    if (!app) throw new Error('mapping made no SaaS app');
    const priced = await rpc.request(DirectorySaasAppsUpdate, { saasAppId: app.id, seatPrice: 21.5, currency: 'EUR', seatsPurchased: 12 });
    // Two leavers: people 3 (active) and 5 (inactive) are terminated.
    const people = (await rpc.request(DirectoryPeopleList, { limit: 200 })).data;
    const personOf = (i: number) => people.find((p) => p.email === `ann${i}@rep.example.com`);
    for (const i of [3, 5]) {
      await rpc.request(DirectoryPeopleUpdate, { personId: personOf(i)?.id as string, employmentStatus: 'terminated', terminationDate: iso(10 * DAY).slice(0, 10) });
    }
    // A workflow deleted person 7's account (freed seat) and skipped person 6's.
    const byExt = (i: number) => saasUsers.find((u) => u.externalId === `PRP${String(i).padStart(4, '0')}`);
    const wf = { runId: uuidv7(), workflowId: uuidv7(), workflowName: 'Delete inactive PagerDuty users' };
    for (const [i, outcome] of [[7, 'succeeded'], [6, 'skipped']] as const) {
      const u = byExt(i);
      await publish(reporting, WorkflowStepCompletedV1, {
        ...wf, stepId: uuidv7(), blockId: 'delete', blockType: 'api', action: 'vendor_delete', outcome,
        saasUserId: u?.id, saasAppId: app.id, personId: u?.person?.id, externalId: u?.externalId,
      });
    }

    await expectEventually(async () => {
      const { rows } = await pg.query(`select
        (select count(*) from reporting.rm_saas_user)::int as users,
        (select count(*) from reporting.rm_person where employment_status = 'terminated')::int as leavers,
        (select count(*) from reporting.rm_realised_saving)::int as freed,
        (select status from reporting.rm_sync_run where run_id = $1) as run,
        (select created from reporting.rm_sync_run where run_id = $1) as created`, [runId]);
      expect(rows[0]).toEqual({ users: 9, leavers: 2, freed: 1, run: 'fetched', created: expect.any(Number) });
    }, { timeoutMs: 30_000 });

    const views = (await rpc.request(ReportingViewsList, {})).data;
    const view = (name: string) => views.find((v) => v.name === name) as SavedViewView;
    const emailsOf = async (name: string) => (await allRows(rpc, view(name).id)).map((r) => r['email']).sort();
    const dirEmail = (i: number) => byExt(i)?.email;
    expect(await emailsOf('PagerDuty users')).toEqual(saasUsers.map((u) => u.email).sort());
    expect(await emailsOf('Inactive for 90 days')).toEqual([5, 6, 7].map(dirEmail).sort());
    expect(await emailsOf('Never signed in')).toEqual([8, 9].map(dirEmail).sort());
    expect(await emailsOf('Accounts of leavers')).toEqual([3, 5].map(dirEmail).sort());
    expect(await emailsOf('Roles not entitled')).toEqual([1, 6].map(dirEmail).sort());
    const appNames = (await rpc.request(ReportingViewsRows, { viewId: view('PagerDuty users').id, limit: 50 })).rows.map((r) => r['app.name']);
    expect(new Set(appNames)).toEqual(new Set([app.name]));

    const dashboard = (await rpc.request(ReportingDashboardsList, {})).data.find((d) => d.isDefault);
    if (!dashboard) throw new Error('no default dashboard');
    const widget = (widgetId: string) => rpc.request(ReportingWidgetData, { dashboardId: dashboard.id, widgetId });
    expect(await widget('active-accounts')).toMatchObject({ value: saasUsers.filter((u) => u.status === 'active').length });
    expect(await widget('inactive-accounts')).toMatchObject({ value: 3 });
    expect(await widget('leaver-accounts')).toMatchObject({ value: 2 });
    const roles = await widget('by-vendor-role');
    expect(roles).toMatchObject({ buckets: [{ key: 'admin', count: 2 }, { key: 'limited_user', count: 7 }] });
    const series = await widget('active-per-day');
    if (series.type !== 'time_series') throw new Error('not a series');
    expect(series.points).toHaveLength(30);
    expect(series.points.at(-1)?.value).toBe(9);
    expect(series.points.at(0)?.value).toBe(0);

    // Reclaimable: inactive 5, 6, 7 and leaver 3 (5 counted once) = 4 seats at mapping's price; freed: 1 seat.
    // (No workflow service deletes in the directory here, so 7 is still an active account there too.)
    const price = Number(priced.seatPrice);
    const savings = await rpc.request(ReportingSavings, {});
    expect(savings.apps).toEqual([
      expect.objectContaining({ saasAppId: app.id, activeSeats: 9, inactiveSeats: 3, leaverSeats: 2, reclaimableSeats: 4, freedSeats: 1, seatsPurchased: 12 }),
    ]);
    expect(Number(savings.apps[0]?.seatPrice)).toBe(price);
    expect(savings.potentialMonthly).toEqual({ EUR: String(4 * price) });
    expect(savings.realisedMonthly).toEqual({ EUR: String(price) });
    const ledger = await rpc.request(ReportingSavingsLedger, {});
    expect(ledger.data).toEqual([expect.objectContaining({ externalId: 'PRP0007', workflowName: wf.workflowName, appName: app.name })]);
  }, 120_000);

  it('refuses an unknown column and an invalid rule with stable codes; a share link works until revoked, a tampered one never', async () => {
    const bad = await rpc.request(ReportingReportsCreate, { name: 'x', entity: 'saas_users', columns: ['email', 'nope'] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RemoteRpcError);
    expect(bad).toMatchObject({ code: 'COLUMN_INVALID', details: [{ field: 'columns.1' }] });
    const badRule = await rpc.request(ReportingReportsCreate, { name: 'x', entity: 'saas_users', columns: ['email'], filter: { field: 'email', op: 'gt', value: 1 } }).catch((e: unknown) => e);
    expect(badRule).toMatchObject({ code: 'RULE_INVALID' });

    const report = await rpc.request(ReportingReportsCreate, {
      name: 'Leavers', entity: 'saas_users', columns: ['email', 'person.employmentStatus'], filter: { field: 'person.employmentStatus', op: 'eq', value: 'terminated' },
      sort: { field: 'email', direction: 'asc' },
    });
    const direct = await rpc.request(ReportingReportsRows, { reportId: report.id });
    expect(direct.rows).toHaveLength(2);
    const link = await rpc.request(ReportingShareLinksCreate, { reportId: report.id, expiresInHours: 1 });
    expect((await rpc.request(ReportingSharedRows, { token: link.token })).rows).toEqual(direct.rows);
    const [id, exp, sig] = link.token.split('.');
    for (const tampered of [`${id}.${Number(exp) + 3600}.${sig}`, `${id}.${exp}.${(sig as string).slice(0, -2)}AA`, 'nonsense']) {
      await expect(rpc.request(ReportingSharedRows, { token: tampered })).rejects.toMatchObject({ code: 'SHARE_LINK_INVALID' });
    }
    await rpc.request(ReportingShareLinksRevoke, { shareLinkId: link.id });
    await expect(rpc.request(ReportingSharedRows, { token: link.token })).rejects.toMatchObject({ code: 'SHARE_LINK_REVOKED' });
    // Expiry: the same service asked an hour and a second later (the clock is its only input).
    const fresh = await rpc.request(ReportingShareLinksCreate, { reportId: report.id, expiresInHours: 1 });
    const links = reporting.running.app.get(ShareLinksService);
    await expect(links.rows(fresh.token, 10, undefined, new Date(Date.now() + 3601_000))).rejects.toMatchObject({ code: 'SHARE_LINK_EXPIRED' });
    expect((await links.rows(fresh.token, 10, undefined, new Date(Date.now() + 3000_000))).rows).toHaveLength(2);
  });

  it('rebuilds read models equal to the live ones by replaying the streams', async () => {
    const live = await snapshot(pg);
    expect(live['rm_saas_user']).toHaveLength(9);
    await reporting.running.close();
    const result = await rebuildReadModels(reporting.env);
    expect(result.consumersReset).toHaveLength(3);
    expect((await pg.query('select count(*)::int as n from reporting.rm_saas_user')).rows[0]).toEqual({ n: 0 });
    restarted = await startService(reportingService, reporting.env, { shutdownHooks: false });
    await expectEventually(async () => expect(await snapshot(pg)).toEqual(live), { timeoutMs: 30_000 });
  }, 60_000);
});
