import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { printObject } from '../output';
import { apiFor, globals, type CliContext } from './context';

export function registerReports(program: Command, ctx: CliContext): void {
  const reports = program.command('reports').description('saved reports');

  reports
    .command('export')
    .description('run a saved report to a file (CSV or XLSX), streamed to disk as the gateway sends it')
    .argument('<report-id>')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
    .requiredOption('--out <file>', 'where to write it (replaced if it exists)')
    .action(async (reportId: string, opts: { format: 'csv' | 'xlsx'; out: string }, cmd: Command) => {
      const file = resolve(opts.out);
      const { bytes, contentType } = await apiFor(ctx, cmd).download(`/reports/${encodeURIComponent(reportId)}/export`, { format: opts.format }, file);
      printObject(ctx.io, Boolean(globals(cmd).json), { report_id: reportId, format: opts.format, file, bytes, content_type: contentType }, [
        ['report', reportId],
        ['format', opts.format],
        ['file', file],
        ['bytes', bytes],
      ]);
    });
}
