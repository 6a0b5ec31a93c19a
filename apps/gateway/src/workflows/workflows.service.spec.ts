import { plainToInstance } from 'class-transformer';
import { fakeRpc } from '../../test/support/fake-rpc';
import { CreateWorkflowDto } from './workflows.dto';
import { WorkflowsService } from './workflows.service';

const graph = {
  blocks: [{ id: 'n1', type: 'notify', config: { channelUrl: 'https://hooks.example', schedule: { timeZone: 'UTC' }, body: { someKey: 1 } } }],
  links: [],
};

const workflow = {
  id: 'w1',
  name: 'Offboard',
  description: null,
  type: 'saas_users',
  status: 'draft',
  draftVersion: 1,
  activeVersion: null,
  trigger: null,
  nextRunAt: null,
  graph,
  limits: { maxPercent: 10, maxCount: 50 },
  createdAt: 't0',
  updatedAt: 't1',
};

describe(WorkflowsService.name, () => {
  it('renames a graph only where the workflow defines the keys, and everything else by the one rule', async () => {
    const { rpc, sent } = fakeRpc({ 'workflow.definitions.create': workflow });
    const body = plainToInstance(CreateWorkflowDto, {
      name: 'Offboard',
      type: 'saas_users',
      graph: { blocks: [{ id: 'n1', type: 'notify', config: { channel_url: 'https://hooks.example', schedule: { time_zone: 'UTC' }, body: { someKey: 1 } } }], links: [] },
      limits: { max_percent: 10 },
    });
    await expect(new WorkflowsService(rpc).create(body, 'a')).resolves.toEqual({
      id: 'w1',
      name: 'Offboard',
      description: null,
      type: 'saas_users',
      status: 'draft',
      draft_version: 1,
      active_version: null,
      trigger: null,
      next_run_at: null,
      graph: { blocks: [{ id: 'n1', type: 'notify', config: { channel_url: 'https://hooks.example', schedule: { time_zone: 'UTC' }, body: { someKey: 1 } } }], links: [] },
      limits: { max_percent: 10, max_count: 50 },
      created_at: 't0',
      updated_at: 't1',
    });
    expect(sent[0]?.payload).toEqual({ name: 'Offboard', type: 'saas_users', graph, limits: { maxPercent: 10 }, actor: 'a' });
  });

  it('answers runs and steps in snake_case, a step detail as recorded', async () => {
    const run = {
      id: 'r1',
      workflowId: 'w1',
      workflowVersion: 2,
      trigger: 'manual',
      dryRun: true,
      status: 'awaiting_approval',
      reason: null,
      counts: { records: 3, planned: 3, succeeded: 0, skipped: 0, failed: 0 },
      approval: { kind: 'gate', blockId: null, expiresAt: 't', destructive: 3, limit: 2 },
      createdAt: 't0',
      finishedAt: null,
    };
    const step = { id: 's1', runId: 'r1', blockId: 'd1', blockType: 'deactivate', action: 'deactivate', status: 'planned', saasUserId: 'u1', externalId: 'P1', email: null, reason: null, detail: { vendorRole: 'admin' }, idempotencyKey: 'k', attempts: 0, startedAt: null, finishedAt: null };
    const { rpc, sent } = fakeRpc({ 'workflow.runs.get': run, 'workflow.runs.steps': { data: [step], nextCursor: null } });
    const service = new WorkflowsService(rpc);
    await expect(service.run('r1')).resolves.toEqual({
      id: 'r1',
      workflow_id: 'w1',
      workflow_version: 2,
      trigger: 'manual',
      dry_run: true,
      status: 'awaiting_approval',
      reason: null,
      counts: { records: 3, planned: 3, succeeded: 0, skipped: 0, failed: 0 },
      approval: { kind: 'gate', block_id: null, expires_at: 't', destructive: 3, limit: 2 },
      created_at: 't0',
      finished_at: null,
    });
    const plan = await service.plan('r1', { limit: 5 });
    expect(plan).toEqual({
      data: [{ id: 's1', run_id: 'r1', block_id: 'd1', block_type: 'deactivate', action: 'deactivate', status: 'planned', saas_user_id: 'u1', external_id: 'P1', email: null, reason: null, detail: { vendorRole: 'admin' }, idempotency_key: 'k', attempts: 0, started_at: null, finished_at: null }],
      next_cursor: null,
    });
    expect(sent.at(-1)?.payload).toEqual({ limit: 5, runId: 'r1' });
  });
});
