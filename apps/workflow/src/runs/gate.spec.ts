import type { IntegrationView } from '@seatkeeper/contracts';
import { DEFAULT_LIMITS } from '../definitions/limits';
import { staleReason } from './freshness';
import { gateLimit, overGate } from './gate';

describe('blast-radius gate', () => {
  it('takes the smaller of 10% of the app and 50 records', () => {
    expect(gateLimit(DEFAULT_LIMITS, 200)).toBe(20);
    expect(gateLimit(DEFAULT_LIMITS, 10_000)).toBe(50);
    expect(gateLimit(DEFAULT_LIMITS, 5)).toBe(0);
  });

  it('stops a run over the limit of any app, with the reason', () => {
    expect(overGate(new Map([['app', 20]]), new Map([['app', 200]]), DEFAULT_LIMITS, 'The plan deletes')).toBeNull();
    expect(overGate(new Map([['app', 21]]), new Map([['app', 200]]), DEFAULT_LIMITS, 'The plan deletes')).toEqual({
      destructive: 21,
      limit: 20,
      reason: expect.stringMatching(/^The plan deletes 21 of the app's 200 SaaS users, more than the limit of 20/),
    });
  });
});

describe('freshness', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const integration = (lastRun: IntegrationView['lastRun'], schedule: Partial<IntegrationView['schedule']> = {}): IntegrationView =>
    ({ name: 'PD', lastRun, schedule: { kind: 'daily', intervalMinutes: null, timeOfDay: '02:00', timeZone: 'UTC', ...schedule } }) as IntegrationView;

  it('accepts a completed sync younger than its schedule allows', () => {
    expect(staleReason(integration({ id: 'r', status: 'completed', finishedAt: '2026-12-02T02:05:00Z' }), now)).toBeNull();
  });

  it('refuses an incomplete, missing or old sync', () => {
    expect(staleReason(integration({ id: 'r', status: 'incomplete', finishedAt: '2026-12-02T02:05:00Z' }), now)).toMatch(/is incomplete, not completed/);
    expect(staleReason(integration(null), now)).toMatch(/never ran/);
    expect(staleReason(integration({ id: 'r', status: 'completed', finishedAt: '2026-11-30T02:05:00Z' }), now)).toMatch(/older than its schedule allows/);
    expect(staleReason(integration({ id: 'r', status: 'completed', finishedAt: '2026-12-02T11:00:00Z' }, { kind: 'interval', intervalMinutes: 15 }), now)).toMatch(/older/);
  });
});
