import type { Command } from 'commander';
import { printObject, printRows } from '../output';
import { followRun, type RunView } from '../run-progress';
import { apiFor, globals, type CliContext } from './context';

interface IntegrationView {
  id: string;
  name: string;
  vendor: string;
  status: string;
  record_type: string;
  schedule?: { kind?: string } | null;
  last_run?: { id: string; status: string; finished_at?: string | null } | null;
  next_run_at?: string | null;
}

export function registerIntegrations(program: Command, ctx: CliContext): void {
  const integrations = program.command('integrations').description('integrations and their sync runs');

  integrations
    .command('list')
    .description('every integration, its status and last run')
    .action(async (_o: unknown, cmd: Command) => {
      const rows = await apiFor(ctx, cmd).all<IntegrationView>('/integrations');
      printRows(ctx.io, Boolean(globals(cmd).json), rows, [
        { header: 'id', value: (r) => r.id },
        { header: 'name', value: (r) => r.name },
        { header: 'vendor', value: (r) => r.vendor },
        { header: 'status', value: (r) => r.status },
        { header: 'schedule', value: (r) => r.schedule?.kind },
        { header: 'last run', value: (r) => (r.last_run ? `${r.last_run.status} ${r.last_run.finished_at ?? ''}`.trim() : undefined) },
        { header: 'next run', value: (r) => r.next_run_at },
      ]);
    });

  program
    .command('runs')
    .description("an integration's runs, newest first")
    .argument('<integration-id>')
    .option('--status <status>', 'only runs in this status (queued, fetching, applying, completed, incomplete, failed, cancelled)')
    .option('--limit <n>', 'at most this many', '20')
    .action(async (integrationId: string, opts: { status?: string; limit: string }, cmd: Command) => {
      const page = await apiFor(ctx, cmd).get<{ data: RunView[] }>(`/integrations/${encodeURIComponent(integrationId)}/runs`, { status: opts.status, limit: Number(opts.limit) });
      printRows(ctx.io, Boolean(globals(cmd).json), page.data, runColumns);
    });

  program
    .command('run')
    .description('run an integration now (admin or operator); --follow draws its progress until it ends')
    .argument('<integration-id>')
    .option('-f, --follow', 'follow the run to its end; exits non-zero unless it completed')
    .action(async (integrationId: string, opts: { follow?: boolean }, cmd: Command) => {
      const api = apiFor(ctx, cmd);
      const json = Boolean(globals(cmd).json);
      let run = await api.post<RunView>(`/integrations/${encodeURIComponent(integrationId)}/runs`);
      if (opts.follow) run = await followRun(api, run.id, ctx.io);
      printRun(ctx, json, run);
      if (opts.follow && run.status !== 'completed') ctx.exitCode = 1;
    });

  program
    .command('run-status')
    .description('one run: status, counts, errors; --follow waits for its end')
    .argument('<run-id>')
    .option('-f, --follow', 'follow the run to its end')
    .action(async (runId: string, opts: { follow?: boolean }, cmd: Command) => {
      const api = apiFor(ctx, cmd);
      const run = opts.follow ? await followRun(api, runId, ctx.io) : await api.get<RunView>(`/runs/${encodeURIComponent(runId)}`);
      printRun(ctx, Boolean(globals(cmd).json), run);
      if (opts.follow && run.status !== 'completed') ctx.exitCode = 1;
    });
}

const runColumns = [
  { header: 'id', value: (r: RunView) => r.id },
  { header: 'status', value: (r: RunView) => r.status },
  { header: 'trigger', value: (r: RunView) => r.trigger },
  { header: 'fetched', value: (r: RunView) => `${r.counts.fetched}/${r.counts.vendor_total ?? '?'}` },
  { header: 'applied', value: (r: RunView) => r.counts.applied },
  { header: 'quarantined', value: (r: RunView) => r.counts.quarantined },
  { header: 'queued', value: (r: RunView) => r.queued_at },
  { header: 'duration', value: (r: RunView) => (r.duration_ms == null ? undefined : `${(r.duration_ms / 1000).toFixed(1)} s`) },
];

function printRun(ctx: CliContext, json: boolean, run: RunView): void {
  printObject(ctx.io, json, run, [
    ['run', run.id],
    ['status', run.status],
    ['complete', run.complete],
    ['fetched', `${run.counts.fetched}/${run.counts.vendor_total ?? '?'}`],
    ['applied', run.counts.applied],
    ['quarantined', run.counts.quarantined],
    ['duration', run.duration_ms == null ? undefined : `${(run.duration_ms / 1000).toFixed(1)} s`],
    ['reason', run.reason],
    ['errors', run.errors?.length ? run.errors.map((e) => e.message).join('; ') : undefined],
  ]);
}
