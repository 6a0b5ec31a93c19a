import type { WorkflowGraphDto } from '@seatkeeper/contracts';
import { checkGraph } from './graph-validation';

const CRED = '0190a5f4-0000-7000-8000-000000000001';
const good = (): WorkflowGraphDto => ({
  blocks: [
    { id: 'begin', type: 'begin', config: { trigger: 'schedule', schedule: { kind: 'daily', timeOfDay: '02:00', timeZone: 'UTC' }, rule: { field: 'saasApp.name', op: 'eq', value: 'PagerDuty' } } },
    { id: 'check', type: 'condition', config: { rule: { field: 'lastActivityAt', op: 'more_than_days_ago', value: 365 } } },
    { id: 'delete', type: 'api', config: { preset: 'pagerduty.delete_user', credentialId: CRED } },
    { id: 'end', type: 'end', config: {} },
  ],
  links: [
    { from: 'begin', to: 'check', branch: 'success' },
    { from: 'check', to: 'delete', branch: 'true' },
    { from: 'check', to: 'end', branch: 'false' },
    { from: 'delete', to: 'end', branch: 'success' },
  ],
});

describe('checkGraph', () => {
  it('accepts a valid graph and lists its credentials for the vault check', () => {
    expect(checkGraph(good())).toEqual({ problems: [], credentials: [{ blockId: 'delete', credentialId: CRED }] });
  });

  it('names every problem with its block and field', () => {
    const g = good();
    g.blocks.push({ id: 'begin2', type: 'begin', config: { trigger: 'sometimes' } });
    g.blocks.push({ id: 'loose', type: 'notify', config: { url: 'ftp://x' } });
    (g.blocks[2] as { config: Record<string, unknown> }).config = { preset: 'okta.delete' };
    g.links.push({ from: 'end', to: 'begin', branch: 'success' });
    const problems = checkGraph(g).problems.map((p) => `${p.blockId ?? '-'} ${p.field}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        '- blocks',
        'begin2 blocks.begin2.config.trigger',
        'loose blocks.loose.config.url',
        'loose blocks.loose',
        'delete blocks.delete.config.preset',
        'delete blocks.delete.config.credentialId',
        'end links[4].branch',
      ]),
    );
  });

  it('finds a cycle and an invalid rule', () => {
    const g = good();
    g.links = g.links.filter((l) => l.from !== 'delete');
    g.links.push({ from: 'delete', to: 'check', branch: 'success' });
    (g.blocks[1] as { config: Record<string, unknown> }).config = { rule: { field: 'nope', op: 'eq', value: 1 } };
    const problems = checkGraph(g).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ blockId: 'check', field: 'blocks.check', message: expect.stringMatching(/cycle/) }),
        expect.objectContaining({ blockId: 'check', field: expect.stringMatching(/^blocks\.check\.config\.rule/) }),
      ]),
    );
  });

  it('checks a cron schedule and its time zone', () => {
    const g = good();
    (g.blocks[0] as { config: Record<string, unknown> }).config = { trigger: 'schedule', schedule: { kind: 'cron', cron: '* *', timeZone: 'Mars/Base' } };
    expect(checkGraph(g).problems.map((p) => p.field)).toEqual(['blocks.begin.config.schedule.timeZone', 'blocks.begin.config.schedule.cron']);
  });
});
