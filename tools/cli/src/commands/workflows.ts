import type { Command } from 'commander';
import type { ApiClient } from '../api-client';
import { printObject, printRows } from '../output';
import { planSize, type WorkflowRunView, type WorkflowStepView } from '../workflow-runs';
import { apiFor, globals, type CliContext } from './context';

interface WorkflowView {
  id: string;
  name: string;
  type: string;
  status: string;
  draft_version: number;
  active_version: number | null;
  trigger: string | null;
  next_run_at: string | null;
}

export function registerWorkflows(program: Command, ctx: CliContext): void {
  const workflows = program.command('workflows').description('workflows, their dry-run plans and the approvals their runs wait for');

  workflows
    .command('list')
    .description('every workflow, its status, trigger and next run')
    .action(async (_o: unknown, cmd: Command) => {
      const rows = await apiFor(ctx, cmd).all<WorkflowView>('/workflows');
      printRows(ctx.io, Boolean(globals(cmd).json), rows, [
        { header: 'id', value: (r) => r.id },
        { header: 'name', value: (r) => r.name },
        { header: 'type', value: (r) => r.type },
        { header: 'status', value: (r) => r.status },
        { header: 'version', value: (r) => (r.active_version === null ? `draft ${r.draft_version}` : `${r.active_version} (draft ${r.draft_version})`) },
        { header: 'trigger', value: (r) => r.trigger },
        { header: 'next run', value: (r) => r.next_run_at },
      ]);
    });

  workflows
    .command('plan')
    .description("a dry run's plan: the steps it would take, record by record (with each delete's preflight)")
    .argument('<run-id>')
    .option('--status <status>', 'only steps in this status (planned, in_progress, succeeded, skipped, failed)')
    .option('--limit <n>', 'at most this many steps', '1000')
    .action(async (runId: string, opts: { status?: string; limit: string }, cmd: Command) => {
      const api = apiFor(ctx, cmd);
      const json = Boolean(globals(cmd).json);
      const steps = await api.all<WorkflowStepView>(`/workflows/runs/${encodeURIComponent(runId)}/plan`, { status: opts.status }, Number(opts.limit));
      if (!json) {
        const run = await api.get<WorkflowRunView>(`/workflows/runs/${encodeURIComponent(runId)}`);
        ctx.io.out(`run ${run.id}: ${run.status}, ${run.counts.records} records; ${planSize(steps)} vendor deletes among the ${steps.length} steps shown`);
      }
      printRows(ctx.io, json, steps, [
        { header: 'block', value: (s) => s.block_id },
        { header: 'action', value: (s) => s.action },
        { header: 'status', value: (s) => s.status },
        { header: 'account', value: (s) => s.email ?? s.external_id },
        { header: 'external id', value: (s) => s.external_id },
        { header: 'preflight', value: (s) => preflightOf(s) },
        { header: 'reason', value: (s) => s.reason },
      ]);
    });

  for (const decision of ['approve', 'reject'] as const) {
    workflows
      .command(decision)
      .description(decision === 'approve' ? 'approve the gate or Approval block a run waits at (operator)' : 'reject the approval a run waits for: its destructive steps are skipped (operator)')
      .argument('<run-id>')
      .option('--comment <text>', 'kept with the decision')
      .action(async (runId: string, opts: { comment?: string }, cmd: Command) => {
        const run = await decide(apiFor(ctx, cmd), runId, decision, opts.comment);
        printRun(ctx, Boolean(globals(cmd).json), run);
      });
  }
}

function decide(api: ApiClient, runId: string, decision: 'approve' | 'reject', comment?: string): Promise<WorkflowRunView> {
  return api.post<WorkflowRunView>(`/workflows/runs/${encodeURIComponent(runId)}/${decision}`, comment === undefined ? {} : { comment });
}

/** "clear", or what would make PagerDuty refuse the delete (open incidents, schedules, escalation policies). */
function preflightOf(s: WorkflowStepView): string | undefined {
  if (s.action !== 'vendor_delete' || !s.detail) return undefined;
  const p = s.detail['preflight'] as { exists?: boolean; clear?: boolean; openIncidents?: unknown[]; schedules?: unknown[]; escalationPolicies?: unknown[] } | null | undefined;
  if (!p) return typeof s.detail['warning'] === 'string' ? s.detail['warning'] : undefined;
  if (p.exists === false) return 'gone upstream';
  if (p.clear) return 'clear';
  const count = (what: string, list?: unknown[]) => (list?.length ? `${list.length} ${what}` : '');
  const blockers = [count('open incidents', p.openIncidents), count('schedules', p.schedules), count('escalation policies', p.escalationPolicies)];
  return `blocked: ${blockers.filter(Boolean).join(', ') || 'see detail'}`;
}

function printRun(ctx: CliContext, json: boolean, run: WorkflowRunView): void {
  printObject(ctx.io, json, run, [
    ['run', run.id],
    ['workflow', run.workflow_id],
    ['status', run.status],
    ['dry run', run.dry_run],
    ['records', run.counts.records],
    ['planned', run.counts.planned],
    ['succeeded', run.counts.succeeded],
    ['skipped', run.counts.skipped],
    ['failed', run.counts.failed],
    ['reason', run.reason],
  ]);
}
