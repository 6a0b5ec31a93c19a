import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import { ProblemException } from '../http/problem';
import { fromWorkflowService, publicGraphField } from './workflow-errors';
import { toGraphDto, toGraphRequest } from './workflow-graph.names';

const reject = (code: string, details: unknown): Promise<never> =>
  Promise.reject(new RemoteRpcError('workflow', { code, message: 'The workflow graph is not valid', details }));

async function problemOf(call: Promise<unknown>): Promise<ProblemException> {
  const e = await call.catch((err: unknown) => err);
  if (!(e instanceof ProblemException)) throw new Error(`not a problem: ${String(e)}`);
  return e;
}

describe('workflow service errors in the API words', () => {
  it('snake_cases a graph field but keeps the block id as the user wrote it', () => {
    expect(publicGraphField('graph.blocks.deleteOld-1.config.credentialId')).toBe('graph.blocks.deleteOld-1.config.credential_id');
    expect(publicGraphField('graph.blocks.begin.config.schedule.timeOfDay')).toBe('graph.blocks.begin.config.schedule.time_of_day');
    expect(publicGraphField('graph.blocks')).toBe('graph.blocks');
  });

  it('a graph problem is 422 WORKFLOW_GRAPH_INVALID naming block and field', async () => {
    const p = await problemOf(
      fromWorkflowService(
        reject('VALIDATION_FAILED', [
          { field: 'graph.blocks.begin.config.schedule.cron', messages: ['cron must have five fields'], blockId: 'begin' },
          { field: 'graph.blocks', messages: ['the workflow has no End block'], blockId: null },
        ]),
      ),
    );
    expect(p.getStatus()).toBe(422);
    expect(p.code).toBe('WORKFLOW_GRAPH_INVALID');
    expect(p.errors).toEqual([
      { field: 'graph.blocks.begin.config.schedule.cron', messages: ['cron must have five fields'], block_id: 'begin' },
      { field: 'graph.blocks', messages: ['the workflow has no End block'], block_id: null },
    ]);
  });

  it('contract validation stays a 400 naming the public field; other codes pass unchanged', async () => {
    const p = await problemOf(fromWorkflowService(reject('VALIDATION_FAILED', [{ field: 'workflowId', messages: ['workflowId must be a UUID'] }])));
    expect(p.getStatus()).toBe(400);
    expect(p.errors).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
    await expect(fromWorkflowService(reject('WORKFLOW_NOT_ACTIVE', undefined))).rejects.toMatchObject({ code: 'WORKFLOW_NOT_ACTIVE' });
  });
});

describe('block configs', () => {
  it('snake_case in the API, camelCase in the contract; a rule and a Notify body pass as written', () => {
    const api = {
      blocks: [
        { id: 'begin', type: 'begin' as const, config: { trigger: 'schedule', schedule: { kind: 'daily', time_of_day: '03:00', time_zone: 'UTC' }, rule: { field: 'saasApp.name', op: 'eq', value: 'x' } } },
        { id: 'n', type: 'notify' as const, config: { url: 'https://h.example/x', body: { some_key: 1, otherKey: 2 } } },
        { id: 'r', type: 'role_retrieval' as const, config: { vendor: 'pagerduty', credential_id: 'c', deactivate_user: true } },
      ],
      links: [{ from: 'begin', to: 'n', branch: 'success' as const }],
    };
    const contract = toGraphRequest(api);
    expect(contract.blocks[0]?.config).toEqual({ trigger: 'schedule', schedule: { kind: 'daily', timeOfDay: '03:00', timeZone: 'UTC' }, rule: { field: 'saasApp.name', op: 'eq', value: 'x' } });
    expect(contract.blocks[1]?.config).toEqual({ url: 'https://h.example/x', body: { some_key: 1, otherKey: 2 } });
    expect(contract.blocks[2]?.config).toEqual({ vendor: 'pagerduty', credentialId: 'c', deactivateUser: true });
    expect(toGraphDto(contract)).toEqual(api);
  });
});
