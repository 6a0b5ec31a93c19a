import {
  ReportingDashboardsCreate,
  ReportingDashboardsDelete,
  ReportingDashboardsGet,
  ReportingDashboardsList,
  ReportingDashboardsUpdate,
  ReportingDeliveriesList,
  ReportingReportsCreate,
  ReportingReportsDelete,
  ReportingReportsGet,
  ReportingReportsList,
  ReportingReportsUpdate,
  ReportingSchedulesCreate,
  ReportingSchedulesDelete,
  ReportingSchedulesList,
  ReportingShareLinksCreate,
  ReportingShareLinksList,
  ReportingShareLinksRevoke,
  ReportingViewsCreate,
  ReportingViewsDelete,
  ReportingViewsGet,
  ReportingViewsList,
  ReportingViewsUpdate,
} from '@seatkeeper/contracts';
import type { RpcClient } from '@seatkeeper/platform-messaging';
import { startServiceForTest, type ServiceUnderTest } from '@seatkeeper/testing';
import { v7 as uuidv7 } from 'uuid';
import type { ReportingEnv } from '../src/config/reporting.env';
import { ScheduleRunner } from '../src/schedules/schedule.runner';
import { reportingService } from '../src/service-definition';
import { rpcOf } from './support';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * The configuration aggregates over request-reply: what is saved is what is read back, updates
 * move `updatedAt` and keep the id and `createdAt`, lists keep their order, an unknown id answers
 * its NOT_FOUND code, and deleting a report takes its links and schedules with it.
 */
describe('reporting configuration: views, dashboards, reports, share links, schedules', () => {
  let reporting: ServiceUnderTest<ReportingEnv>;
  let rpc: RpcClient;

  beforeAll(async () => {
    reporting = await startServiceForTest(reportingService, { REPORTING_SCHEDULER_ENABLED: 'false', REPORTING_WEBHOOK_MAX_ATTEMPTS: '1' });
    rpc = rpcOf(reporting);
  }, 60_000);

  afterAll(async () => {
    await reporting?.stop();
  });

  it('saved views: create, get, list (defaults first, then by name), update, delete', async () => {
    const created = await rpc.request(ReportingViewsCreate, {
      name: 'Admins',
      entity: 'saas_users',
      columns: ['email', 'vendorRole'],
      filter: { field: 'vendorRole', op: 'eq', value: 'admin' },
    });
    expect(created).toMatchObject({
      name: 'Admins',
      entity: 'saas_users',
      columns: ['email', 'vendorRole'],
      filter: { field: 'vendorRole', op: 'eq', value: 'admin' },
      sort: { field: 'email', direction: 'asc' },
      isDefault: false,
    });
    expect(created.createdAt).toMatch(ISO);
    expect(created.updatedAt).toMatch(ISO);
    expect(await rpc.request(ReportingViewsGet, { viewId: created.id })).toEqual(created);
    const unfiltered = await rpc.request(ReportingViewsCreate, { name: 'All', entity: 'people', columns: ['email'] });
    expect(unfiltered.filter).toBeNull();

    const listed = (await rpc.request(ReportingViewsList, {})).data;
    const defaults = listed.filter((v) => v.isDefault);
    expect(listed.slice(0, defaults.length)).toEqual(defaults);
    const mine = listed.filter((v) => v.id === created.id || v.id === unfiltered.id).map((v) => v.name);
    expect(mine).toEqual(['Admins', 'All']);

    const updated = await rpc.request(ReportingViewsUpdate, {
      viewId: created.id,
      name: 'Owners',
      entity: 'saas_users',
      columns: ['email'],
      sort: { field: 'email', direction: 'desc' },
    });
    expect(updated).toMatchObject({ id: created.id, name: 'Owners', columns: ['email'], filter: null, sort: { field: 'email', direction: 'desc' }, createdAt: created.createdAt });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect(await rpc.request(ReportingViewsGet, { viewId: created.id })).toEqual(updated);

    expect(await rpc.request(ReportingViewsDelete, { viewId: created.id })).toEqual({ deleted: true });
    await expect(rpc.request(ReportingViewsGet, { viewId: created.id })).rejects.toMatchObject({ code: 'VIEW_NOT_FOUND' });
    await expect(rpc.request(ReportingViewsDelete, { viewId: created.id })).rejects.toMatchObject({ code: 'VIEW_NOT_FOUND' });
    await expect(
      rpc.request(ReportingViewsUpdate, { viewId: uuidv7(), name: 'x', entity: 'people', columns: ['email'] }),
    ).rejects.toMatchObject({ code: 'VIEW_NOT_FOUND' });
  });

  it('dashboards: create, get, list, update, delete', async () => {
    const widgets = [
      { id: 'n', type: 'count' as const, title: 'Accounts', entity: 'saas_users' as const },
      { id: 'roles', type: 'top_n' as const, title: 'Roles', field: 'vendorRole', limit: 5 },
    ];
    const created = await rpc.request(ReportingDashboardsCreate, { name: 'Mine', widgets });
    expect(created).toMatchObject({ name: 'Mine', widgets, isDefault: false });
    expect(created.createdAt).toMatch(ISO);
    expect(await rpc.request(ReportingDashboardsGet, { dashboardId: created.id })).toEqual(created);
    const listed = (await rpc.request(ReportingDashboardsList, {})).data;
    expect(listed.find((d) => d.id === created.id)).toEqual(created);
    const defaults = listed.filter((d) => d.isDefault);
    expect(listed.slice(0, defaults.length)).toEqual(defaults);

    const updated = await rpc.request(ReportingDashboardsUpdate, { dashboardId: created.id, name: 'Renamed', widgets: [widgets[0] as (typeof widgets)[0]] });
    expect(updated).toMatchObject({ id: created.id, name: 'Renamed', widgets: [widgets[0]], createdAt: created.createdAt });
    expect(await rpc.request(ReportingDashboardsGet, { dashboardId: created.id })).toEqual(updated);

    expect(await rpc.request(ReportingDashboardsDelete, { dashboardId: created.id })).toEqual({ deleted: true });
    await expect(rpc.request(ReportingDashboardsGet, { dashboardId: created.id })).rejects.toMatchObject({ code: 'DASHBOARD_NOT_FOUND' });
    await expect(rpc.request(ReportingDashboardsUpdate, { dashboardId: created.id, name: 'x', widgets: [] })).rejects.toMatchObject({ code: 'DASHBOARD_NOT_FOUND' });
  });

  it('reports, their share links and schedules: saved, listed, revoked, deleted together', async () => {
    const created = await rpc.request(ReportingReportsCreate, { name: 'By role', entity: 'saas_users', columns: ['email'], groupBy: 'vendorRole' });
    expect(created).toMatchObject({ name: 'By role', entity: 'saas_users', columns: ['email'], filter: null, sort: { field: 'email', direction: 'asc' }, groupBy: 'vendorRole' });
    expect(await rpc.request(ReportingReportsGet, { reportId: created.id })).toEqual(created);
    const other = await rpc.request(ReportingReportsCreate, { name: 'A first', entity: 'people', columns: ['email'] });
    expect(other.groupBy).toBeNull();
    const names = (await rpc.request(ReportingReportsList, {})).data.map((r) => r.name);
    expect(names.indexOf('A first')).toBeLessThan(names.indexOf('By role'));

    const updated = await rpc.request(ReportingReportsUpdate, { reportId: created.id, name: 'Emails', entity: 'saas_users', columns: ['email', 'status'] });
    expect(updated).toMatchObject({ id: created.id, name: 'Emails', columns: ['email', 'status'], groupBy: null, createdAt: created.createdAt });
    expect(await rpc.request(ReportingReportsGet, { reportId: created.id })).toEqual(updated);

    const first = await rpc.request(ReportingShareLinksCreate, { reportId: created.id, expiresInHours: 2 });
    const second = await rpc.request(ReportingShareLinksCreate, { reportId: created.id, expiresInHours: 1 });
    expect(first).toMatchObject({ reportId: created.id, revokedAt: null });
    expect(Date.parse(first.expiresAt) % 1000).toBe(0);
    expect(first.createdAt).toMatch(ISO);
    const links = (await rpc.request(ReportingShareLinksList, { reportId: created.id })).data;
    expect(links.map((l) => l.id).sort()).toEqual([first.id, second.id].sort());
    expect(links[0]).not.toHaveProperty('token');
    const revoked = await rpc.request(ReportingShareLinksRevoke, { shareLinkId: first.id });
    expect(revoked).toMatchObject({ id: first.id, reportId: created.id, expiresAt: first.expiresAt, createdAt: first.createdAt });
    expect(revoked.revokedAt).toMatch(ISO);
    expect(await rpc.request(ReportingShareLinksRevoke, { shareLinkId: first.id })).toEqual(revoked);
    await expect(rpc.request(ReportingShareLinksRevoke, { shareLinkId: uuidv7() })).rejects.toMatchObject({ code: 'SHARE_LINK_NOT_FOUND' });
    await expect(rpc.request(ReportingShareLinksList, { reportId: uuidv7() })).rejects.toMatchObject({ code: 'REPORT_NOT_FOUND' });

    const schedule = await rpc.request(ReportingSchedulesCreate, {
      reportId: created.id,
      cron: '0 7 * * 1',
      timeZone: 'Europe/Paris',
      format: 'csv',
      webhookUrl: 'http://127.0.0.1:9/hook',
    });
    expect(schedule).toMatchObject({ reportId: created.id, cron: '0 7 * * 1', timeZone: 'Europe/Paris', format: 'csv', webhookUrl: 'http://127.0.0.1:9/hook', enabled: true });
    expect(Date.parse(schedule.nextRunAt)).toBeGreaterThan(Date.now());
    expect((await rpc.request(ReportingSchedulesList, { reportId: created.id })).data).toEqual([schedule]);
    expect((await rpc.request(ReportingDeliveriesList, { scheduleId: schedule.id })).data).toEqual([]);
    expect(await rpc.request(ReportingSchedulesDelete, { scheduleId: schedule.id })).toEqual({ deleted: true });
    await expect(rpc.request(ReportingSchedulesDelete, { scheduleId: schedule.id })).rejects.toMatchObject({ code: 'SCHEDULE_NOT_FOUND' });
    await expect(rpc.request(ReportingDeliveriesList, { scheduleId: schedule.id })).rejects.toMatchObject({ code: 'SCHEDULE_NOT_FOUND' });

    // A due time claimed once, its one attempt and outcome recorded (nothing listens on port 9).
    const kept = await rpc.request(ReportingSchedulesCreate, { reportId: created.id, cron: '0 7 * * 1', timeZone: 'UTC', format: 'xlsx', webhookUrl: 'http://127.0.0.1:9/hook' });
    const runner = reporting.running.app.get(ScheduleRunner);
    const nextWeek = new Date(Date.now() + 8 * 86_400_000);
    expect(await runner.tick(nextWeek)).toBe(1);
    expect(await runner.tick(nextWeek)).toBe(0);
    const [delivery, ...more] = (await rpc.request(ReportingDeliveriesList, { scheduleId: kept.id })).data;
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({ scheduleId: kept.id, dueAt: kept.nextRunAt, status: 'failed', httpStatus: null, rows: null, bytes: 0 });
    expect(delivery?.error).toBeTruthy();
    expect(Date.parse(delivery?.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(delivery?.startedAt as string));
    expect(delivery?.attempts).toEqual([expect.objectContaining({ attempt: 1, httpStatus: null, rows: null, bytes: 0, error: delivery?.error })]);
    const [moved] = (await rpc.request(ReportingSchedulesList, { reportId: created.id })).data;
    expect(Date.parse(moved?.nextRunAt as string)).toBeGreaterThan(Date.parse(kept.nextRunAt));
    expect(await rpc.request(ReportingReportsDelete, { reportId: created.id })).toEqual({ deleted: true });
    await expect(rpc.request(ReportingReportsGet, { reportId: created.id })).rejects.toMatchObject({ code: 'REPORT_NOT_FOUND' });
    await expect(rpc.request(ReportingReportsDelete, { reportId: created.id })).rejects.toMatchObject({ code: 'REPORT_NOT_FOUND' });
    await expect(rpc.request(ReportingDeliveriesList, { scheduleId: kept.id })).rejects.toMatchObject({ code: 'SCHEDULE_NOT_FOUND' });
  });
});
