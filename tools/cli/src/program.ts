import { Command, CommanderError } from 'commander';
import { ApiError } from './api-client';
import { registerIntegrations } from './commands/integrations';
import { registerLogin } from './commands/login';
import { registerReports } from './commands/reports';
import { registerSaasUsers } from './commands/saas-users';
import { registerWorkflows } from './commands/workflows';
import type { CliContext } from './commands/context';
import { formatProblem } from './output';

/** The `seatkeeper` command tree; the context makes it testable (output, env, fetch). */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('seatkeeper')
    .description("Seatkeeper's admin CLI: drives the gateway's REST API with an API token")
    .option('--url <url>', 'the gateway (default: SEATKEEPER_URL, the saved login, http://127.0.0.1:3000)')
    .option('--token <token>', 'an API token (default: SEATKEEPER_TOKEN, the saved login)')
    .option('--json', 'machine-readable JSON instead of tables')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s.replace(/\n$/, '')), writeErr: (s) => ctx.io.err(s.replace(/\n$/, '')) });
  registerLogin(program, ctx);
  registerIntegrations(program, ctx);
  registerSaasUsers(program, ctx);
  registerWorkflows(program, ctx);
  registerReports(program, ctx);
  return program;
}

/** Runs the CLI; returns the exit code. An API problem is printed plainly (or as JSON with --json). */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  ctx.exitCode = undefined;
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode ?? 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const json = argv.includes('--json');
    if (e instanceof ApiError) {
      ctx.io.err(json ? JSON.stringify(e.problem) : formatProblem(e.problem));
      return e.problem.status === 401 || e.problem.status === 403 ? 3 : 2;
    }
    ctx.io.err(`error: ${(e as Error).message}`);
    return 1;
  }
}
