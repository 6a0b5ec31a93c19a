import type { Command } from 'commander';
import { ApiClient, type Fetch } from '../api-client';
import { configPath, resolveConnection } from '../config-store';
import type { Io } from '../output';

/** What every command gets: where the config lives, the output, and how to reach the gateway. */
export interface CliContext {
  io: Io;
  env: NodeJS.ProcessEnv;
  fetch?: Fetch;
  /** Set by a command that ends without an exception but must not exit 0 (e.g. a followed run that failed). */
  exitCode?: number;
}

export interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
}

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export function apiFor(ctx: CliContext, cmd: Command): ApiClient {
  const { url, token } = resolveConnection(globals(cmd), ctx.env, configPath(ctx.env));
  return new ApiClient(url, token, ctx.fetch);
}
