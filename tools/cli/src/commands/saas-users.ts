import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { printRows } from '../output';
import { apiFor, globals, type CliContext } from './context';

interface SaasUserView {
  id: string;
  email?: string | null;
  app_name?: string;
  status: string;
  vendor_role?: string | null;
  license?: string | null;
  last_activity_at?: string | null;
  person?: { full_name?: string | null } | null;
}

export function registerSaasUsers(program: Command, ctx: CliContext): void {
  const users = program.command('saas-users').description('SaaS users in the directory');
  users
    .command('list')
    .description('SaaS users, optionally filtered by a rule (JSON condition tree, e.g. \'{"all":[{"field":"lastActivityAt","op":"more_than_days_ago","value":365}]}\')')
    .option('--filter <rule>', 'a rule in the rule language (JSON), or @file.json')
    .option('--app <saas-app-id>', 'only this SaaS app')
    .option('--status <status>', 'only this status (active, deactivated, …)')
    .option('--limit <n>', 'at most this many rows', '100')
    .action(async (opts: { filter?: string; app?: string; status?: string; limit: string }, cmd: Command) => {
      const filter = opts.filter?.startsWith('@') ? readFileSync(opts.filter.slice(1), 'utf8') : opts.filter;
      if (filter !== undefined) JSON.parse(filter); // a typo fails here, before the request
      const rows = await apiFor(ctx, cmd).all<SaasUserView>('/saas-users', { filter, saas_app_id: opts.app, status: opts.status }, Number(opts.limit));
      printRows(ctx.io, Boolean(globals(cmd).json), rows, [
        { header: 'id', value: (r) => r.id },
        { header: 'email', value: (r) => r.email },
        { header: 'name', value: (r) => r.person?.full_name },
        { header: 'app', value: (r) => r.app_name },
        { header: 'status', value: (r) => r.status },
        { header: 'role', value: (r) => r.vendor_role },
        { header: 'license', value: (r) => r.license },
        { header: 'last activity', value: (r) => r.last_activity_at },
      ]);
    });
}
