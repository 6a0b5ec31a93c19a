import {
  DirectoryPeopleUpdate,
  DirectorySaasAppsList,
  DirectorySaasAppsUpdate,
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
  WorkflowRunsStart,
  type LedgerEntryView,
  type RowsPageView,
  type SaasUserView,
  type SavedViewView,
  type WorkflowGraphDto,
} from '@seatkeeper/contracts';
import type { RpcClient } from '@seatkeeper/platform-messaging';
import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import { startService, type RunningService } from '@seatkeeper/platform-service';
import {
  expectEventually,
  FAST_WORKFLOW_ENV,
  ProcessStack,
  simUser,
  startServiceForTest,
  startServiceProcess,
  type ServiceProcess,
  type ServiceUnderTest,
  type SimUser,
} from '@seatkeeper/testing';
import { Client } from 'pg';
import type { ReportingEnv } from '../src/config/reporting.env';
import { ShareLinksService } from '../src/reports/share-links.service';
import { READ_MODEL_TABLES, rebuildReadModels } from '../src/projections/rebuild.command';
import { reportingService } from '../src/service-definition';
import { rpcOf } from './support';

const DAY = 24 * 3600_000;
const USERS = 300;
const PD = { field: 'saasApp.name', op: 'eq', value: 'PagerDuty' };
const STALE = { field: 'lastActivityAt', op: 'more_than_days_ago', value: 365 };

async function allRows(rpc: RpcClient, viewId: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page: RowsPageView = await rpc.request(ReportingViewsRows, { viewId, limit: 100, ...(cursor ? { cursor } : {}) });
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

const sorted = (xs: (string | null | undefined)[]) => xs.map((x) => x ?? null).sort();

/**
 * A real sync (integration-sync and mapping as processes, the PagerDuty simulator) and a real
 * delete workflow (the workflow service as a process) flowing through the streams into
 * reporting: the default views, the default dashboard and the savings agree with the directory
 * and with what the simulator still holds; a share link works until revoked; a replay rebuilds
 * equal read models.
 */
describe('reporting read models, views, dashboard and savings after a sync and a workflow run', () => {
  let reporting: ServiceUnderTest<ReportingEnv>;
  let stack: ProcessStack | undefined;
  let workflow: ServiceProcess | undefined;
  let pg: Client;
  let rpc: RpcClient;
  let restarted: RunningService | undefined;
  let leaverCount = 0;

  beforeAll(async () => {
    reporting = await startServiceForTest(reportingService, { REPORTING_SHARE_LINK_KEY: 'k'.repeat(40) });
    rpc = rpcOf(reporting);
    stack = await ProcessStack.startOn({ prefix: reporting.prefix, rpc, sims: [{ name: 'rep', users: USERS, seed: 12 }] });
    workflow = await startServiceProcess('workflow', { prefix: reporting.prefix, rpc, env: FAST_WORKFLOW_ENV });
    pg = new Client({ connectionString: reporting.db.url });
    await pg.connect();
  }, 180_000);
  afterAll(async () => {
    await pg?.end();
    await workflow?.stop();
    await stack?.stop();
    // After the rebuild test the first instance is closed already; stop() closes it again (a no-op).
    await restarted?.close();
    await reporting?.stop();
  });

  it('projects a real sync and a real delete workflow; every default view, widget and saving matches the directory and the simulator', async () => {
    if (!stack) throw new Error('no stack');
    const sim = stack.sim('rep');
    const syncRunId = await stack.sync(await stack.integration(sim.url, 'PagerDuty'));
    const synced = await stack.saasUsers(PD, 'active');
    expect(synced).toHaveLength(USERS);
    const app = (await rpc.request(DirectorySaasAppsList, {})).data.find((a) => a.vendor === 'pagerduty');
    if (!app) throw new Error('mapping made no PagerDuty app');
    const priced = await rpc.request(DirectorySaasAppsUpdate, { saasAppId: app.id, seatPrice: 19.25, currency: 'EUR', seatsPurchased: USERS + 20 });

    // The workflow: delete PagerDuty users who have not signed in for a year (limits high enough not to gate).
    const stale = await stack.saasUsers({ all: [PD, STALE] }, 'active');
    expect(stale.length).toBeGreaterThan(0);
    const graph = {
      blocks: [
        { id: 'begin', type: 'begin', config: { trigger: 'schedule', schedule: { kind: 'daily', timeOfDay: '03:00', timeZone: 'Europe/Paris' }, scope: 'active_records', rule: { all: [PD, STALE] } } },
        { id: 'delete', type: 'api', config: { preset: 'pagerduty.delete_user', credentialId: stack.credentialId } },
        { id: 'end', type: 'end', config: {} },
      ] as WorkflowGraphDto['blocks'],
      links: [{ from: 'begin', to: 'delete', branch: 'success' as const }, { from: 'delete', to: 'end', branch: 'success' as const }],
    };
    const definition = await stack.launched({ name: 'Delete inactive PagerDuty users', type: 'saas_users', graph, limits: { maxPercent: 100, maxCount: 1000 } });
    const started = await rpc.request(WorkflowRunsStart, { workflowId: definition.id, dryRun: false });
    const run = await stack.waitRun(started.id, ['completed'], 90_000);
    const steps = await stack.steps(run.id);
    expect(sorted(steps.map((s) => s.externalId))).toEqual(sorted(stale.map((u) => u.externalId)));

    // The simulator's truth: which accounts PagerDuty still has, and their sign-ins and roles.
    const inSim = new Map<string, SimUser>();
    for (const u of synced) {
      const x = await simUser(sim.url, u.externalId);
      if (x) inSim.set(u.externalId, x);
    }
    const deletedIds = synced.map((u) => u.externalId).filter((id) => !inSim.has(id));
    expect(deletedIds.length).toBeGreaterThan(0);
    expect(sorted(deletedIds)).toEqual(sorted(steps.filter((s) => s.status === 'succeeded').map((s) => s.externalId)));
    // The directory's truth: the workflow marked exactly those accounts deleted.
    const directory = stack;
    await expectEventually(async () => expect(sorted((await directory.saasUsers(PD, 'deleted')).map((u) => u.externalId))).toEqual(sorted(deletedIds)));
    const present = await stack.saasUsers(PD, 'active');
    expect(sorted(present.map((u) => u.externalId))).toEqual(sorted([...inSim.keys()]));

    // Leavers: two recently active people, one inactive one (reclaimable once, not twice) and one whose account the workflow deleted.
    const ago = (u: SaasUserView) => (u.lastActivityAt ? Date.now() - Date.parse(u.lastActivityAt) : null);
    const recent = present.filter((u) => (ago(u) ?? Infinity) < 30 * DAY).slice(0, 2);
    const inactive90 = present.filter((u) => (ago(u) ?? 0) > 90 * DAY);
    const deleted = synced.filter((u) => deletedIds.includes(u.externalId));
    const leavers = [...recent, ...inactive90.slice(0, 1), ...deleted.slice(0, 1)];
    for (const u of leavers) {
      await rpc.request(DirectoryPeopleUpdate, { personId: u.person?.id as string, employmentStatus: 'terminated', terminationDate: new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10) });
    }
    const leaverIds = new Set(leavers.map((u) => u.externalId));

    // What every default view and widget should say, from the simulator (sign-ins, roles) and the directory (who left).
    const presentSim = [...inSim.values()];
    const emailOf = (id: string) => present.find((u) => u.externalId === id)?.email;
    const expected = {
      all: sorted(present.map((u) => u.email)),
      inactive: sorted(presentSim.filter((x) => x.last_sign_in_at && Date.now() - Date.parse(x.last_sign_in_at) > 90 * DAY).map((x) => emailOf(x.id))),
      never: sorted(presentSim.filter((x) => !x.last_sign_in_at).map((x) => emailOf(x.id))),
      leavers: sorted(present.filter((u) => leaverIds.has(u.externalId)).map((u) => u.email)),
      notEntitled: sorted(presentSim.filter((x) => ['admin', 'owner'].includes(x.role)).map((x) => emailOf(x.id))),
    };
    const reclaimable = new Set([...expected.inactive, ...expected.leavers]).size;
    expect(expected.inactive.length).toBeGreaterThan(0);
    expect(expected.never.length).toBeGreaterThan(0);
    expect(expected.leavers).toHaveLength(3);
    expect(reclaimable).toBeLessThan(expected.inactive.length + expected.leavers.length);
    leaverCount = expected.leavers.length;

    await expectEventually(async () => {
      const { rows } = await pg.query(`select
        (select count(*) from reporting.rm_saas_user where status = 'active')::int as active,
        (select count(*) from reporting.rm_saas_user where status = 'deleted')::int as deleted,
        (select count(*) from reporting.rm_person where employment_status = 'terminated')::int as leavers,
        (select count(*) from reporting.rm_realised_saving)::int as freed,
        (select status from reporting.rm_workflow_run where run_id = $2) as workflow,
        (select status from reporting.rm_sync_run where run_id = $1) as sync`, [syncRunId, run.id]);
      expect(rows[0]).toEqual({ active: present.length, deleted: deletedIds.length, leavers: leavers.length, freed: deletedIds.length, workflow: 'completed', sync: 'completed' });
    }, { timeoutMs: 30_000 });

    const views = (await rpc.request(ReportingViewsList, {})).data;
    const view = (name: string) => views.find((v) => v.name === name) as SavedViewView;
    const emailsOf = async (name: string) => sorted((await allRows(rpc, view(name).id)).map((r) => r['email'] as string));
    expect(await emailsOf('PagerDuty users')).toEqual(expected.all);
    expect(await emailsOf('Inactive for 90 days')).toEqual(expected.inactive);
    expect(await emailsOf('Never signed in')).toEqual(expected.never);
    expect(await emailsOf('Accounts of leavers')).toEqual(expected.leavers);
    expect(await emailsOf('Roles not entitled')).toEqual(expected.notEntitled);

    const dashboard = (await rpc.request(ReportingDashboardsList, {})).data.find((d) => d.isDefault);
    if (!dashboard) throw new Error('no default dashboard');
    const widget = (widgetId: string) => rpc.request(ReportingWidgetData, { dashboardId: dashboard.id, widgetId });
    expect(await widget('active-accounts')).toMatchObject({ value: inSim.size });
    expect(await widget('inactive-accounts')).toMatchObject({ value: expected.inactive.length });
    expect(await widget('leaver-accounts')).toMatchObject({ value: expected.leavers.length });
    expect(await widget('never-signed-in')).toMatchObject({ value: expected.never.length });
    const roles = await widget('by-vendor-role');
    if (roles.type !== 'breakdown') throw new Error('not a breakdown');
    const simRoles = new Map<string, number>();
    for (const x of presentSim) simRoles.set(x.role, (simRoles.get(x.role) ?? 0) + 1);
    expect(Object.fromEntries(roles.buckets.map((b) => [b.key, b.count]))).toEqual(Object.fromEntries(simRoles));
    const series = await widget('active-per-day');
    if (series.type !== 'time_series') throw new Error('not a series');
    expect(series.points).toHaveLength(30);
    expect(series.points.at(-1)?.value).toBe(inSim.size);
    expect(series.points.at(0)?.value).toBe(0);

    // Potential: inactive or leaver accounts, each once, at mapping's price; realised: one seat per deletion.
    const price = Number(priced.seatPrice);
    const savings = await widget('savings');
    if (savings.type !== 'savings') throw new Error('not savings');
    expect(savings.savings.apps).toEqual([
      expect.objectContaining({
        saasAppId: app.id, activeSeats: inSim.size, inactiveSeats: expected.inactive.length, leaverSeats: expected.leavers.length,
        reclaimableSeats: reclaimable, freedSeats: deletedIds.length, seatsPurchased: USERS + 20,
      }),
    ]);
    expect(savings.savings).toEqual(await rpc.request(ReportingSavings, {}));
    expect(Number(savings.savings.potentialMonthly['EUR'])).toBeCloseTo(reclaimable * price, 6);
    expect(Number(savings.savings.realisedMonthly['EUR'])).toBeCloseTo(deletedIds.length * price, 6);

    // The ledger: one row per deleted seat, dated, naming the workflow and its run.
    const ledger: LedgerEntryView[] = [];
    let cursor: string | undefined;
    do {
      const page = await rpc.request(ReportingSavingsLedger, { limit: 100, ...(cursor ? { cursor } : {}) });
      ledger.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sorted(ledger.map((l) => l.externalId))).toEqual(sorted(deletedIds));
    for (const l of ledger) {
      expect(l).toMatchObject({ workflowId: definition.id, workflowName: 'Delete inactive PagerDuty users', runId: run.id, appName: app.name });
      expect(Math.abs(Date.now() - Date.parse(l.freedAt))).toBeLessThan(10 * 60_000);
    }
  }, 240_000);

  it('refuses an unknown column and an invalid rule with stable codes; a share link works until revoked, a tampered one never', async () => {
    const bad = await rpc.request(ReportingReportsCreate, { name: 'x', entity: 'saas_users', columns: ['email', 'nope'] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RemoteRpcError);
    expect(bad).toMatchObject({ code: 'COLUMN_INVALID', details: [{ field: 'columns.1' }] });
    const badRule = await rpc.request(ReportingReportsCreate, { name: 'x', entity: 'saas_users', columns: ['email'], filter: { field: 'email', op: 'gt', value: 1 } }).catch((e: unknown) => e);
    expect(badRule).toMatchObject({ code: 'RULE_INVALID' });

    const report = await rpc.request(ReportingReportsCreate, {
      name: 'Leavers', entity: 'saas_users', columns: ['email', 'person.employmentStatus'],
      filter: { all: [{ field: 'person.employmentStatus', op: 'eq', value: 'terminated' }, { field: 'status', op: 'neq', value: 'deleted' }] },
      sort: { field: 'email', direction: 'asc' },
    });
    const direct = await rpc.request(ReportingReportsRows, { reportId: report.id });
    expect(direct.rows).toHaveLength(leaverCount);
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
    expect((await links.rows(fresh.token, 10, undefined, new Date(Date.now() + 3000_000))).rows).toHaveLength(leaverCount);
  });

  it('rebuilds read models equal to the live ones by replaying the streams', async () => {
    const live = await snapshot(pg);
    expect(live['rm_saas_user']).toHaveLength(USERS);
    await reporting.running.close();
    const result = await rebuildReadModels(reporting.env);
    expect(result.consumersReset).toHaveLength(3);
    expect((await pg.query('select count(*)::int as n from reporting.rm_saas_user')).rows[0]).toEqual({ n: 0 });
    restarted = await startService(reportingService, reporting.env, { shutdownHooks: false });
    await expectEventually(async () => expect(await snapshot(pg)).toEqual(live), { timeoutMs: 30_000 });
  }, 60_000);
});
