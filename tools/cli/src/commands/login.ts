import type { Command } from 'commander';
import { ApiClient } from '../api-client';
import { configPath, DEFAULT_URL, readConfig, writeConfig } from '../config-store';
import { printObject } from '../output';
import { apiFor, globals, type CliContext } from './context';

export function registerLogin(program: Command, ctx: CliContext): void {
  program
    .command('login')
    .description('check a token against the gateway and keep it (and the URL) in your config file, readable by you alone')
    .option('--token-stdin', 'read the token from stdin instead of --token (keeps it out of shell history)')
    .action(async (opts: { tokenStdin?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const token = opts.tokenStdin ? (await readStdin()).trim() : (g.token ?? ctx.env['SEATKEEPER_TOKEN']);
      if (!token) throw new Error('no token: pass --token skp_… or --token-stdin');
      const url = g.url ?? ctx.env['SEATKEEPER_URL'] ?? readConfig(configPath(ctx.env))?.url ?? DEFAULT_URL;
      const me = await new ApiClient(url, token, ctx.fetch).get<{ id: string; name: string; role: string }>('/tokens/current');
      const path = configPath(ctx.env);
      writeConfig(path, { url, token });
      printObject(ctx.io, Boolean(g.json), { url, token: { id: me.id, name: me.name, role: me.role }, config: path }, [
        ['gateway', url],
        ['token', `${me.name} (${me.role})`],
        ['saved to', path],
      ]);
    });

  program
    .command('whoami')
    .description('the token in use: its name and role')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const me = await apiFor(ctx, cmd).get<{ id: string; name: string; role: string }>('/tokens/current');
      printObject(ctx.io, Boolean(g.json), me, [['id', me.id], ['name', me.name], ['role', me.role]]);
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
