import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What `seatkeeper login` keeps: the gateway's URL and the token, in a file only the user can read (0600). */
export interface CliConfig {
  url: string;
  token: string;
}

export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** `$SEATKEEPER_CONFIG`, else `$XDG_CONFIG_HOME/seatkeeper/config.json`, else `~/.config/seatkeeper/config.json`. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env['SEATKEEPER_CONFIG']) return env['SEATKEEPER_CONFIG'];
  const base = env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(base, 'seatkeeper', 'config.json');
}

export function readConfig(path: string): CliConfig | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as CliConfig;
}

export function writeConfig(path: string, config: CliConfig): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // mode applies on creation only; chmod also tightens a file that existed with wider rights.
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The token and URL a command uses: flags, then SEATKEEPER_TOKEN / SEATKEEPER_URL, then the config file. */
export function resolveConnection(opts: { url?: string; token?: string }, env: NodeJS.ProcessEnv, path: string): { url: string; token?: string } {
  const stored = readConfig(path);
  return {
    url: opts.url ?? env['SEATKEEPER_URL'] ?? stored?.url ?? DEFAULT_URL,
    token: opts.token ?? env['SEATKEEPER_TOKEN'] ?? stored?.token,
  };
}
