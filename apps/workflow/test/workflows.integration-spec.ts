import {
  DirectoryPeopleImport,
  WorkflowDefinitionsCreate,
  WorkflowDefinitionsValidate,
  WorkflowRunsApply,
  WorkflowRunsDecide,
  WorkflowRunsList,
  WorkflowRunsRestore,
  WorkflowRunsStart,
  type CreateWorkflowRequest,
  type SaasUserView,
  type WorkflowGraphDto,
} from '@seatkeeper/contracts';
import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import { clearRequestLog, expectEventually, pagerDuty, requestLog, sim, simHasUser, type PagerDutySimProcess } from '@seatkeeper/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STACK_PD_KEY as PD_KEY } from '@seatkeeper/testing';
import { Stack } from './support/stack';

// Acceptance of issue 10 on one stack: vault, mapping, integration-sync and workflow as processes,
// two simulated PagerDuty accounts in one SaaS app: "beta" (800 users) synced into the directory
// through the real pipeline, "alpha" (10,000 users) seeded into the directory as a sync leaves it.
// The tests run in order and build on each other's state.
const A_USERS = 10_000;
const A_SEED = 5;
const B_USERS = 800;
const YEAR_AGO = new Date(Date.now() - 2 * 365 * 86_400_000).toISOString();
const PD = { field: 'saasApp.name', op: 'eq', value: 'PagerDuty' };
const inBeta = { field: 'email', op: 'contains', value: '@beta.' };
const HIGH_LIMITS = { maxPercent: 100, maxCount: 1000 };

describe('workflows end to end (services as processes, the PagerDuty simulator)', () => {
  let stack: Stack;
  let alpha: PagerDutySimProcess;
  let beta: PagerDutySimProcess;
  let betaFixtures: Record<string, string>;
  let webhook: Server;
  let webhookUrl: string;
  /** Deleted by the dry-run test with a phone method, a rule on it and a team; the restore test brings it back. */
  let restoreTarget: { externalId: string; teamId: string; smsAddress: string };
  const notified: { records: { externalId: string }[]; run: { trigger: string } }[] = [];

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        notified.push(JSON.parse(body) as (typeof notified)[number]);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;

    stack = await Stack.start([
      { name: 'alpha', users: A_USERS, seed: A_SEED },
      { name: 'beta', users: B_USERS, seed: 9 },
    ]);
    alpha = stack.sims.get('alpha') as PagerDutySimProcess;
    beta = stack.sims.get('beta') as PagerDutySimProcess;
    betaFixtures = await sim<Record<string, string>>(beta.url, 'GET', '/_sim/fixtures');
    // Point 7's refusals: the owner and a user with open incidents have not signed in for two years.
    for (const id of [betaFixtures['owner'], betaFixtures['with_open_incidents']]) await sim(beta.url, 'PATCH', `/_sim/users/${id}`, { last_sign_in_at: YEAR_AGO });
    const b = await stack.integration(beta.url, 'PagerDuty beta');
    await stack.sync(b);
    await stack.seedDirectory(alpha.url, await stack.bareIntegration(alpha.url, 'PagerDuty alpha'), A_USERS);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => webhook?.close(resolve));
  });

  const graph = (begin: Record<string, unknown>, ...chain: { id: string; type: string; config: Record<string, unknown> }[]): WorkflowGraphDto => {
    const blocks = [{ id: 'begin', type: 'begin', config: begin }, ...chain, { id: 'end', type: 'end', config: {} }] as WorkflowGraphDto['blocks'];
    return { blocks, links: blocks.slice(0, -1).map((b, i) => ({ from: b.id, to: (blocks[i + 1] as { id: string }).id, branch: 'success' as const })) };
  };
  const daily = (rule: Record<string, unknown>, trigger = 'schedule') => ({ trigger, schedule: { kind: 'daily', timeOfDay: '03:00', timeZone: 'Europe/Paris' }, scope: 'active_records', rule });
  const deleteBlock = () => ({ id: 'delete', type: 'api', config: { preset: 'pagerduty.delete_user', credentialId: stack.credentialId } });
  const workflow = (name: string, g: WorkflowGraphDto, limits?: CreateWorkflowRequest['limits']): CreateWorkflowRequest => ({ name, type: 'saas_users', graph: g, ...(limits ? { limits } : {}) });

  /** Fires a scheduled workflow now (its next time moved to the present; the claimer does the rest) and returns the run it queued. */
  async function fireSchedule(workflowId: string, after: Set<string>): Promise<string> {
    await stack.workflowSql(`update workflow.workflow set next_run_at = now() where id = $1`, [workflowId]);
    return expectEventually(
      async () => {
        const runs = await stack.bus.request(WorkflowRunsList, { workflowId });
        const fresh = runs.data.find((r) => !after.has(r.id) && r.trigger === 'schedule');
        expect(fresh).toBeDefined();
        return fresh?.id as string;
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
  }

  it('refuses a bad graph naming each block and field, and stores nothing', async () => {
    const bad = graph(
      { trigger: 'schedule', schedule: { kind: 'cron', cron: '61 * * *' }, rule: { field: 'lastActivityAt', op: 'more_than_days_ago', value: 'soon' } },
      { id: 'roles', type: 'role_retrieval', config: { vendor: 'okta' } },
    );
    bad.blocks.push({ id: 'orphan', type: 'deactivate', config: {} });
    const e = (await stack.bus.request(WorkflowDefinitionsCreate, workflow('Bad', bad)).catch((err: unknown) => err)) as RemoteRpcError;
    expect(e).toBeInstanceOf(RemoteRpcError);
    expect(e.code).toBe('VALIDATION_FAILED');
    const fields = (e.details as { field: string; blockId: string }[]).map((d) => `${d.blockId}:${d.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'begin:graph.blocks.begin.config.schedule.cron',
        'begin:graph.blocks.begin.config.rule.value',
        'roles:graph.blocks.roles.config.vendor',
        'roles:graph.blocks.roles.config.credentialId',
        'orphan:graph.blocks.orphan',
      ]),
    );
    expect(await stack.workflowSql('select id from workflow.workflow')).toHaveLength(0);

    // A credential the vault does not have is found by validate (saving a draft does not need the vault).
    const w = await stack.bus.request(WorkflowDefinitionsCreate, workflow('Unknown credential', graph(daily(PD), { id: 'roles', type: 'role_retrieval', config: { vendor: 'pagerduty', credentialId: '0190a5f4-0000-7000-8000-000000000000' } })));
    const v = await stack.bus.request(WorkflowDefinitionsValidate, { workflowId: w.id });
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([expect.objectContaining({ blockId: 'roles', field: 'blocks.roles.config.credentialId', message: expect.stringMatching(/not in the vault/) })]);
  });

  let roleWorkflowId: string;
  const roleRuns = new Set<string>();

  it('role retrieval: 10,800 accounts in ≤ 110 vendor calls; changed roles land in the directory, deleted users are deactivated and start the second workflow', async () => {
    const changed = (await stack.saasUsers({ all: [PD, { field: 'email', op: 'contains', value: '@alpha.' }, { field: 'vendorRole', op: 'eq', value: 'limited_user' }] }, 'active')).slice(0, 3);
    const gone = (await stack.saasUsers({ all: [PD, { field: 'email', op: 'contains', value: '@alpha.' }, { field: 'vendorRole', op: 'eq', value: 'user' }] }, 'active')).slice(0, 2);
    for (const u of changed) await sim(alpha.url, 'PATCH', `/_sim/users/${u.externalId}`, { role: 'observer' });
    for (const u of gone) await sim(alpha.url, 'DELETE', `/_sim/users/${u.externalId}`);

    await stack.launched(workflow('Notify on deactivation', graph(daily(PD, 'saas_user.deactivated'), { id: 'notify', type: 'notify', config: { url: webhookUrl, body: { text: 'deactivated' } } })));
    const roles = await stack.launched(
      workflow('PagerDuty roles', graph(daily(PD), { id: 'roles', type: 'role_retrieval', config: { vendor: 'pagerduty', credentialId: stack.credentialId, deactivateUser: true } })),
    );
    roleWorkflowId = roles.id;
    await Promise.all([clearRequestLog(alpha.url), clearRequestLog(beta.url)]);

    const runId = await fireSchedule(roles.id, roleRuns);
    roleRuns.add(runId);
    const run = await stack.waitRun(runId, ['completed'], 90_000);
    expect(run.counts).toMatchObject({ records: A_USERS + B_USERS, failed: 0 });

    const calls = (await requestLog(alpha.url)).total + (await requestLog(beta.url)).total;
    expect(calls).toBeLessThanOrEqual(110);
    expect((await requestLog(alpha.url)).by_endpoint['POST /analytics/raw/users']).toBe(A_USERS / 100);

    for (const u of changed) expect((await stack.saasUsers({ field: 'externalId', op: 'eq', value: u.externalId }))[0]?.vendorRole).toBe('observer');
    const deactivated = await stack.saasUsers({ field: 'email', op: 'contains', value: '@alpha.' }, 'deactivated');
    expect(deactivated.map((u) => u.externalId).sort()).toEqual(gone.map((u) => u.externalId).sort());
    await expectEventually(
      async () => {
        const sent = notified.filter((n) => n.run.trigger === 'saas_user.deactivated').flatMap((n) => n.records.map((r) => r.externalId));
        expect(sent.sort()).toEqual(gone.map((u) => u.externalId).sort());
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
  }, 150_000);

  it.each([
    ['30% fewer users', 7_000],
    ['an (almost) empty user list: only the owner', 1],
  ])('the vendor returns %s: the run waits at the gate with the reason; rejected, it deactivates nobody', async (_label, users) => {
    await sim(alpha.url, 'POST', '/_sim/reset', { seed: A_SEED, users });
    const before = (await stack.saasUsers(PD, 'deactivated')).length;
    const runId = await fireSchedule(roleWorkflowId, roleRuns);
    roleRuns.add(runId);
    const waiting = await stack.waitRun(runId, ['awaiting_approval'], 60_000);
    expect(waiting.reason).toMatch(/PagerDuty no longer returns \d+ of the app's \d+ SaaS users, more than the limit of 50/);
    expect(waiting.approval).toMatchObject({ kind: 'gate', blockId: 'roles', limit: 50 });
    const rejected = await stack.bus.request(WorkflowRunsDecide, { runId, decision: 'reject', actor: 'ops@example.com' });
    expect(rejected.status).toBe('rejected');
    expect((await stack.saasUsers(PD, 'deactivated')).length).toBe(before);
  }, 90_000);

  it('a dry run shows the plan and changes nothing; applied, it deletes exactly what it listed although HR terminated one more person since', async () => {
    await sim(alpha.url, 'POST', '/_sim/reset', { seed: A_SEED, users: A_USERS });
    const candidates = await stack.saasUsers({ all: [PD, inBeta, { field: 'vendorRole', op: 'in', value: ['observer', 'read_only_user'] }] }, 'active');
    const [t1, t2, t3, late] = candidates as [SaasUserView, SaasUserView, SaasUserView, SaasUserView];
    const hr = (users: SaasUserView[]) =>
      stack.bus.request(DirectoryPeopleImport, { format: 'csv', content: `email,employment_status,termination_date\n${users.map((u) => `${u.person?.email},terminated,2026-11-30`).join('\n')}` });
    await hr([t1, t2, t3]);
    // What a restore must bring back (the restore test below): an SMS method, a rule on it, a team.
    const teamId = (await pagerDuty<{ teams: { id: string }[] }>(beta.url, PD_KEY, 'GET', '/teams?limit=1')).teams[0]?.id as string;
    await sim(beta.url, 'PATCH', `/_sim/users/${t1.externalId}`, { team_ids: [teamId] });
    restoreTarget = { externalId: t1.externalId, teamId, smsAddress: '5550142' };
    const sms = await pagerDuty<{ contact_method: { id: string } }>(beta.url, PD_KEY, 'POST', `/users/${t1.externalId}/contact_methods`, {
      contact_method: { type: 'sms_contact_method', label: 'Mobile', address: restoreTarget.smsAddress, country_code: 1 },
    });
    await pagerDuty(beta.url, PD_KEY, 'POST', `/users/${t1.externalId}/notification_rules`, {
      notification_rule: { type: 'assignment_notification_rule', start_delay_in_minutes: 5, urgency: 'high', contact_method: { id: sms.contact_method.id } },
    });
    const terminated = await stack.launched(workflow('Offboard terminated people', graph(daily({ all: [PD, { field: 'person.employmentStatus', op: 'eq', value: 'terminated' }] }), deleteBlock())));
    await clearRequestLog(beta.url);

    const dry = await stack.bus.request(WorkflowRunsStart, { workflowId: terminated.id, dryRun: true });
    const planned = await stack.waitRun(dry.id, ['planned']);
    expect(planned.counts).toMatchObject({ records: 3, planned: 3, succeeded: 0 });
    const plan = await stack.steps(dry.id);
    expect(plan.map((s) => s.externalId).sort()).toEqual([t1, t2, t3].map((u) => u.externalId).sort());
    for (const s of plan) expect(s).toMatchObject({ action: 'vendor_delete', status: 'planned', detail: { preflight: { exists: true, clear: true, openIncidents: [], schedules: [] } } });
    expect((await requestLog(beta.url)).by_endpoint['DELETE /users/{id}'] ?? 0).toBe(0);
    for (const u of [t1, t2, t3]) expect(await simHasUser(beta.url, u.externalId)).toBe(true);

    await hr([late]);
    await stack.bus.request(WorkflowRunsApply, { runId: dry.id });
    const done = await stack.waitRun(dry.id, ['completed']);
    expect(done.counts).toMatchObject({ records: 3, succeeded: 3, failed: 0, skipped: 0 });
    expect((await requestLog(beta.url)).by_endpoint['DELETE /users/{id}']).toBe(3);
    for (const u of [t1, t2, t3]) expect(await simHasUser(beta.url, u.externalId)).toBe(false);
    expect(await simHasUser(beta.url, late.externalId)).toBe(true);
    const marked = await stack.saasUsers({ field: 'externalId', op: 'in', value: [t1, t2, t3].map((u) => u.externalId) }, 'deleted');
    expect(marked).toHaveLength(3);
    const kits = await stack.workflowSql<{ external_id: string; kit: { user: { id: string; email: string } } }>(`select external_id, kit from workflow.restore_kit`);
    expect(kits.map((k) => k.kit.user.id).sort()).toEqual([t1, t2, t3].map((u) => u.externalId).sort());
  }, 90_000);

  it('restore: the account a step deleted comes back from its kit (email, name, role, contact methods, notification rules, team); the step records the new id; the next sync finds it; a repeat creates nothing', async () => {
    type Kit = { integrationId: string; user: { email: string; name: string; role: string }; contactMethods: { type: string }[]; notificationRules: unknown[] };
    const [row] = await stack.workflowSql<{ step_id: string; run_id: string; kit: Kit }>(
      `select k.step_id, s.run_id, k.kit from workflow.restore_kit k join workflow.step s on s.id = k.step_id where k.external_id = $1`,
      [restoreTarget.externalId],
    );
    if (!row) throw new Error('no restore kit for the deleted account');
    // The kit holds the full objects (include[]), not *_reference stubs.
    expect(row.kit.contactMethods.map((c) => c.type)).toEqual(['email_contact_method', 'sms_contact_method']);
    expect(row.kit.notificationRules).toHaveLength(2);
    await clearRequestLog(beta.url);

    const restored = await stack.bus.request(WorkflowRunsRestore, { runId: row.run_id, stepId: row.step_id, actor: 'ops@example.com' });
    expect(restored).toMatchObject({
      stepId: row.step_id,
      deletedExternalId: restoreTarget.externalId,
      restoredBy: 'ops@example.com',
      alreadyRestored: false,
      accountExisted: false,
      contactMethods: { created: 1, kept: 1, skipped: [] },
      notificationRules: { created: 1, kept: 1, skipped: [] },
      teams: { added: [restoreTarget.teamId], skipped: [] },
      reAddManually: { schedules: [], escalationPolicies: [] },
    });
    const newId = restored.restoredExternalId;
    expect(newId).not.toBe(restoreTarget.externalId);
    type Back = { user: { email: string; name: string; role: string; teams: { id: string }[]; contact_methods: { id: string; type: string; address: string }[]; notification_rules: { start_delay_in_minutes: number; contact_method: { id: string } }[] } };
    const back = (await pagerDuty<Back>(beta.url, PD_KEY, 'GET', `/users/${newId}?include[]=contact_methods&include[]=notification_rules`)).user;
    expect(back).toMatchObject({ email: row.kit.user.email, name: row.kit.user.name, role: row.kit.user.role });
    expect(back.teams.map((t) => t.id)).toEqual([restoreTarget.teamId]);
    const sms = back.contact_methods.find((c) => c.type === 'sms_contact_method');
    expect(sms?.address).toBe(restoreTarget.smsAddress);
    expect(back.notification_rules).toEqual(expect.arrayContaining([expect.objectContaining({ start_delay_in_minutes: 5, contact_method: expect.objectContaining({ id: sms?.id }) })]));
    const step = (await stack.steps(row.run_id)).find((s) => s.id === row.step_id);
    expect(step).toMatchObject({ status: 'succeeded', action: 'vendor_delete', detail: { vendorOutcome: 'deleted', restoredExternalId: newId } });
    const [kitAfter] = await stack.workflowSql<{ restored_external_id: string }>(`select restored_external_id from workflow.restore_kit where step_id = $1`, [row.step_id]);
    expect(kitAfter?.restored_external_id).toBe(newId);
    const events = await stack.workflowSql<{ data: { restoredExternalId: string; externalId: string; action: string } }>(
      `select envelope::jsonb->'data' as data from workflow.outbox where subject = 'workflow.step.restored.v1' and envelope::jsonb->'data'->>'stepId' = $1`,
      [row.step_id],
    );
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ action: 'restore', externalId: restoreTarget.externalId, restoredExternalId: newId })]);
    const calls = await requestLog(beta.url);
    expect(calls.by_endpoint['POST /users']).toBe(1);

    // A repeat answers the recorded restore and sends PagerDuty nothing.
    const again = await stack.bus.request(WorkflowRunsRestore, { runId: row.run_id, stepId: row.step_id });
    expect(again).toMatchObject({ restoredExternalId: newId, alreadyRestored: true, restoredBy: 'ops@example.com' });
    expect((await requestLog(beta.url)).total).toBe(calls.total);
    await expect(stack.bus.request(WorkflowRunsRestore, { runId: row.run_id, stepId: '0190a0a0-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // The directory learns of the account through the next sync (a new SaaS user: PagerDuty gave a new id).
    await stack.sync(row.kit.integrationId);
    await expectEventually(async () => expect(await stack.saasUsers({ field: 'externalId', op: 'eq', value: newId }, 'active')).toHaveLength(1), { timeoutMs: 20_000, intervalMs: 200 });
  }, 90_000);

  it('deletes exactly the users inactive for a year (never signed in is not inactive); the owner and a user with open incidents are skipped with PagerDuty’s reason', async () => {
    const stale = await stack.saasUsers({ all: [PD, inBeta, { field: 'lastActivityAt', op: 'more_than_days_ago', value: 365 }] }, 'active');
    expect(stale.map((u) => u.externalId)).toEqual(expect.arrayContaining([betaFixtures['owner'], betaFixtures['with_open_incidents']]));
    const w = await stack.launched(workflow('Delete inactive PagerDuty users', graph(daily({ all: [PD, inBeta, { field: 'lastActivityAt', op: 'more_than_days_ago', value: 365 }] }), deleteBlock()), HIGH_LIMITS));
    await clearRequestLog(beta.url);
    const runId = await fireSchedule(w.id, new Set());
    const run = await stack.waitRun(runId, ['completed'], 60_000);
    const steps = await stack.steps(runId);
    expect(steps.map((s) => s.externalId).sort()).toEqual(stale.map((u) => u.externalId).sort());
    expect(run.counts).toMatchObject({ records: stale.length, failed: 0 });

    const owner = steps.find((s) => s.externalId === betaFixtures['owner']);
    expect(owner).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/PagerDuty refused the delete: The account owner cannot be deleted/) });
    const busy = steps.find((s) => s.externalId === betaFixtures['with_open_incidents']);
    expect(busy).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/open incident/) });
    expect(busy?.detail).toMatchObject({ preflight: { openIncidents: expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]) } });

    const log = await requestLog(beta.url);
    expect(log.by_endpoint['DELETE /users/{id}']).toBe(stale.length);
    const deletes = log.recent.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(new Set(deletes).size).toBe(deletes.length);
    for (const s of steps) expect(await simHasUser(beta.url, s.externalId as string)).toBe(s.status !== 'succeeded');
    expect(steps.filter((s) => s.status === 'succeeded').length).toBeGreaterThan(0);
    expect(await simHasUser(beta.url, betaFixtures['never_signed_in'] as string)).toBe(true);
  }, 90_000);

  it('SIGKILL in the middle of 200 deletions: after a restart the run completes and each user is deleted exactly once', async () => {
    // 200 beta users PagerDuty will let go (no owner, incidents, schedules or escalation policies).
    const targets: SaasUserView[] = [];
    for (const u of await stack.saasUsers({ all: [PD, inBeta] }, 'active')) {
      if (targets.length === 200) break;
      const res = await fetch(`${beta.url}/_sim/users/${u.externalId}`);
      if (res.ok && ((await res.json()) as { delete_blockers: string[] }).delete_blockers.length === 0) targets.push(u);
    }
    expect(targets).toHaveLength(200);
    const w = await stack.launched(workflow('Delete 200', graph(daily({ all: [PD, { field: 'externalId', op: 'in', value: targets.map((t) => t.externalId) }] }), deleteBlock())));
    await clearRequestLog(beta.url);
    const started = await stack.bus.request(WorkflowRunsStart, { workflowId: w.id, dryRun: false });
    // 200 deletes are over the default limit of 50: an operator approves.
    const gated = await stack.waitRun(started.id, ['awaiting_approval']);
    expect(gated.approval).toMatchObject({ kind: 'gate', destructive: 200, limit: 50 });
    await stack.bus.request(WorkflowRunsDecide, { runId: started.id, decision: 'approve', actor: 'ops@example.com' });

    await expectEventually(async () => expect((await requestLog(beta.url)).by_endpoint['DELETE /users/{id}'] ?? 0).toBeGreaterThanOrEqual(30), { timeoutMs: 60_000, intervalMs: 20 });
    await stack.workflow.kill();
    const atKill = (await requestLog(beta.url)).by_endpoint['DELETE /users/{id}'] ?? 0;
    expect(atKill).toBeLessThan(200);
    await stack.workflow.spawn();

    const done = await stack.waitRun(started.id, ['completed'], 90_000);
    expect(done.counts).toMatchObject({ records: 200, succeeded: 200, failed: 0, skipped: 0 });
    expect((await requestLog(beta.url)).by_endpoint['DELETE /users/{id}']).toBe(200);
    for (const t of targets) expect(await simHasUser(beta.url, t.externalId)).toBe(false);
  }, 150_000);
});
