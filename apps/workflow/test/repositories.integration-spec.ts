import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { SaasUserView, WorkflowGraphDto } from '@seatkeeper/contracts';
import { loadEnv } from '@seatkeeper/platform-config';
import { OutboxWriter } from '@seatkeeper/platform-messaging';
import { createTestDatabase, migrationTemplate, type TestDatabase } from '@seatkeeper/testing';
import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_LIMITS } from '../src/definitions/limits';
import { WorkflowsRepository } from '../src/definitions/workflows.repository';
import type { NewRecord, NewStep } from '../src/runs/run.rows';
import { RunsRepository } from '../src/runs/runs.repository';
import { workflowService } from '../src/service-definition';

const graph: WorkflowGraphDto = { blocks: [{ id: 'begin', type: 'begin', config: {} }], links: [] } as unknown as WorkflowGraphDto;

/** The repositories against a migrated database: the statements, their locks and their array parameters. */
describe('workflow repositories', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  const workflows = new WorkflowsRepository();
  const runs = new RunsRepository(new OutboxWriter('workflow'));

  beforeAll(async () => {
    db = await createTestDatabase(migrationTemplate(workflowService));
    orm = await MikroORM.init(workflowService.orm(loadEnv(workflowService.env, { DATABASE_URL: db.url })));
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  const tx = <T>(fn: (em: EntityManager) => Promise<T>): Promise<T> => orm.em.fork().transactional(fn);
  const newWorkflow = (name: string) => tx((em) => workflows.create(em, { id: uuidv7(), name, description: null, type: 'saas_users', graph, limits: DEFAULT_LIMITS }));

  describe(WorkflowsRepository.name, () => {
    it('creates a workflow with its first draft; a new draft after a frozen one; versions newest first, paged', async () => {
      const w = await newWorkflow('versions');
      await tx(async (em) => {
        const loaded = await workflows.get(em, w.id, true);
        (await workflows.version(em, w.id, 1)).state = 'frozen';
        await workflows.addDraft(em, loaded, graph, { maxPercent: 5, maxCount: 5 });
      });
      const em = orm.em.fork();
      expect((await workflows.get(em, w.id)).draftVersion).toBe(2);
      expect((await workflows.versionsPage(em, w.id, null, 10)).map((v) => [v.version, v.state, v.limits.maxCount])).toEqual([
        [2, 'draft', 5],
        [1, 'frozen', DEFAULT_LIMITS.maxCount],
      ]);
      expect((await workflows.versionsPage(em, w.id, 2, 10)).map((v) => v.version)).toEqual([1]);
      await expect(workflows.version(em, w.id, 3)).rejects.toThrow(`Workflow ${w.id} has no version 3`);
    });

    it('claims a due schedule once: a second claimer skips the row the first holds', async () => {
      const w = await newWorkflow('due');
      await tx(async (em) => {
        const loaded = await workflows.get(em, w.id, true);
        Object.assign(loaded, { status: 'active', activeVersion: 1, trigger: 'schedule', nextRunAt: new Date(Date.now() - 1000) });
        await workflows.save(em);
      });
      const now = new Date();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let claimedFirst!: () => void;
      const first = new Promise<void>((resolve) => (claimedFirst = resolve));
      const a = tx(async (em) => {
        const due = await workflows.claimDue(em, now, 50);
        claimedFirst();
        await held;
        return due.map((d) => d.id);
      });
      await first;
      const b = await tx(async (em) => (await workflows.claimDue(em, now, 50)).map((d) => d.id));
      release();
      expect(await a).toContain(w.id);
      expect(b).not.toContain(w.id);
    });
  });

  describe(RunsRepository.name, () => {
    it('keeps a run, its records and steps; looks records up by an id array; a step key is planned once', async () => {
      const w = await newWorkflow('runs');
      const runId = uuidv7();
      const users = [uuidv7(), uuidv7(), uuidv7()];
      const record = (id: string): NewRecord => ({
        saas_user_id: id,
        saas_app_id: uuidv7(),
        integration_id: null,
        external_id: `ext-${id}`,
        email: null,
        person_id: null,
        snapshot: { id } as SaasUserView,
      });
      const step = (saasUserId: string, key: string): NewStep => ({ id: uuidv7(), blockId: 'del', blockType: 'api', action: 'vendor_delete', seq: 1, saasUserId, detail: null, key });
      await tx(async (em) => {
        await runs.queue(em, { id: runId, workflowId: w.id, version: 1, name: w.name, trigger: 'manual', dryRun: false });
        await runs.insertRecords(em, runId, users.map(record));
        await runs.insertSteps(em, runId, users.map((u) => step(u, `${runId}:${u}`)));
        await runs.insertSteps(em, runId, [step(users[0] as string, `${runId}:${users[0]}`)]);
      });
      const em = orm.em.fork();
      expect((await runs.records(em, runId, [users[0] as string, users[2] as string])).map((r) => r.saas_user_id).sort()).toEqual([users[0], users[2]].sort());
      expect(await runs.records(em, runId, [])).toEqual([]);
      expect(await runs.records(em, runId, [], true)).toHaveLength(3);
      expect(await runs.openStepsAt(em, runId, 1)).toHaveLength(3);
      expect(await runs.nextSeq(em, runId)).toBe(1);
      expect((await runs.snapshot(em, runId, users[1] as string))?.id).toBe(users[1]);
      expect(await runs.hasOpenRun(em, w.id)).toBe(true);
    });

    it('moves a run only from the states it is told, and leases it to one owner at a time', async () => {
      const w = await newWorkflow('lease');
      const runId = uuidv7();
      await tx((em) => runs.queue(em, { id: runId, workflowId: w.id, version: 1, name: w.name, trigger: 'manual', dryRun: true }));
      expect(await tx((em) => runs.transition(em, runId, 'running', { from: ['running', 'awaiting_approval'] }))).toBe(false);
      // Other tests' runs may be waiting too: lease until this one is taken.
      const em = orm.em.fork();
      let leased: string | null = null;
      for (let i = 0; i < 10 && leased !== runId; i++) leased = await runs.claimLease(em, 'worker-a', 60_000);
      expect(leased).toBe(runId);
      expect(await runs.renewLease(em, runId, 'worker-b', 60_000)).toBe(false);
      expect(await runs.renewLease(em, runId, 'worker-a', 60_000)).toBe(true);
      expect(await tx((em) => runs.transition(em, runId, 'planned', { from: ['planning'], event: 'started' }))).toBe(true);
      const run = await runs.run(em, runId);
      expect([run.status, run.finished_at !== null]).toEqual(['planned', true]);
      await runs.releaseLease(em, runId, 'worker-a');
      expect(await runs.hasOpenRun(em, w.id)).toBe(false);
    });
  });
});
