import { plainToInstance } from 'class-transformer';
import { fakeRpc } from '../../test/support/fake-rpc';
import { ReportingService } from './reporting.service';
import { CreateScheduleDto, SaveReportDto } from './reports.dto';

describe(ReportingService.name, () => {
  it('keeps the per-currency totals and filters as data, and names everything else by the one rule', async () => {
    const app = { saasAppId: 'a1', appName: 'PD', currency: 'EUR', seatPrice: '21.5', seatsPurchased: 10, activeSeats: 8, inactiveSeats: 1, leaverSeats: 1, reclaimableSeats: 2, potentialMonthly: '43.0', freedSeats: 1, realisedMonthly: '21.5' };
    const { rpc } = fakeRpc({
      'reporting.savings.get': { inactiveDays: 90, apps: [app], potentialMonthly: { EUR: '43.0' }, realisedMonthly: { EUR: '21.5' } },
      'reporting.reports.get': { id: 'r1', name: 'Idle', entity: 'saas_users', columns: ['email'], filter: { field: 'lastActivityAt', op: 'more_than_days_ago', value: 90 }, sort: { field: 'email', direction: 'asc' }, groupBy: null, createdAt: 't0', updatedAt: 't1' },
    });
    const service = new ReportingService(rpc);
    await expect(service.savings()).resolves.toEqual({
      inactive_days: 90,
      apps: [{ saas_app_id: 'a1', app_name: 'PD', currency: 'EUR', seat_price: '21.5', seats_purchased: 10, active_seats: 8, inactive_seats: 1, leaver_seats: 1, reclaimable_seats: 2, potential_monthly: '43.0', freed_seats: 1, realised_monthly: '21.5' }],
      potential_monthly: { EUR: '43.0' },
      realised_monthly: { EUR: '21.5' },
    });
    await expect(service.report('r1')).resolves.toEqual({
      id: 'r1',
      name: 'Idle',
      entity: 'saas_users',
      columns: ['email'],
      filter: { field: 'lastActivityAt', op: 'more_than_days_ago', value: 90 },
      sort: { field: 'email', direction: 'asc' },
      group_by: null,
      created_at: 't0',
      updated_at: 't1',
    });
  });

  it('sends report, schedule and share-link bodies in the contract names; a view page answers its rows as data', async () => {
    const { rpc, sent } = fakeRpc({
      'reporting.reports.update': {},
      'reporting.schedules.create': {},
      'reporting.share-links.create': { id: 'l1', reportId: 'r1', expiresAt: 't', revokedAt: null, createdAt: 't0', token: 'tok' },
      'reporting.views.rows': { columns: ['fullName'], rows: [{ fullName: 'Ann' }], nextCursor: 'c' },
    });
    const service = new ReportingService(rpc);
    await service.updateReport('r1', plainToInstance(SaveReportDto, { entity: 'people', name: 'By role', columns: ['fullName'], filter: { field: 'jobTitle', op: 'eq', value: 'x' }, group_by: 'jobTitle' }));
    await service.schedule('r1', plainToInstance(CreateScheduleDto, { cron: '0 8 * * 1', time_zone: 'UTC', format: 'csv', webhook_url: 'https://hooks.example' }));
    await expect(service.share('r1', { expires_in_hours: 24 })).resolves.toEqual({ id: 'l1', report_id: 'r1', expires_at: 't', revoked_at: null, created_at: 't0', token: 'tok', path: '/api/v1/shared-reports/tok' });
    await expect(service.viewRows('v1', { sort: 'fullName:desc', limit: 5 })).resolves.toEqual({ columns: ['fullName'], data: [{ fullName: 'Ann' }], next_cursor: 'c' });
    expect(sent.map((s) => s.payload)).toEqual([
      { entity: 'people', name: 'By role', columns: ['fullName'], filter: { field: 'jobTitle', op: 'eq', value: 'x' }, groupBy: 'jobTitle', reportId: 'r1' },
      { cron: '0 8 * * 1', timeZone: 'UTC', format: 'csv', webhookUrl: 'https://hooks.example', reportId: 'r1' },
      { expiresInHours: 24, reportId: 'r1' },
      { viewId: 'v1', limit: 5, sort: { field: 'fullName', direction: 'desc' } },
    ]);
  });
});
