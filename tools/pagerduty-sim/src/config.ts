import type { OAuthClient } from './auth';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
  seed?: number;
  /** Seeded user count (default 250, up to a million and beyond). */
  users?: number;
  /** Requests per key per window (default 960); 0 turns rate limiting off. */
  rateLimit?: number;
  rateWindowMs?: number;
  apiKeys?: string[];
  readOnlyKeys?: string[];
  oauthClients?: OAuthClient[];
  oauthTokenTtlSeconds?: number;
  /** What "now" is for seeded dates (ms or ISO). Default: today 00:00 UTC, so a seed is stable all day. */
  referenceTime?: number | string;
  subdomain?: string;
  /**
   * Base of `self` links (default https://api.pagerduty.com, as real payloads carry). The spec's
   * `url` format rejects loopback hosts, so the simulator's own address would fail conformance.
   */
  linkBase?: string;
  /** Bound on cached serialised users (default 20,000). */
  jsonCacheSize?: number;
}

export const DEFAULT_API_KEY = 'pd-sim-full-access-key';
export const DEFAULT_READ_ONLY_KEY = 'pd-sim-read-only-key';
export const DEFAULT_OAUTH_CLIENT: OAuthClient = { clientId: 'pd-sim-client', clientSecret: 'pd-sim-secret' };

export type ResolvedOptions = Required<Omit<SimulatorOptions, 'referenceTime'>> & { referenceTime: number };

export function resolveOptions(o: SimulatorOptions = {}): ResolvedOptions {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const ref = o.referenceTime === undefined ? today.getTime() : new Date(o.referenceTime).getTime();
  if (!Number.isFinite(ref)) throw new Error('referenceTime is not a valid date');
  const users = o.users ?? 250;
  if (!Number.isInteger(users) || users < 1) throw new Error('users must be a positive integer (the owner is user #0)');
  return {
    port: o.port ?? 0,
    host: o.host ?? '127.0.0.1',
    seed: (o.seed ?? 1) >>> 0,
    users,
    rateLimit: o.rateLimit ?? 960,
    rateWindowMs: o.rateWindowMs ?? 60_000,
    apiKeys: o.apiKeys ?? [DEFAULT_API_KEY],
    readOnlyKeys: o.readOnlyKeys ?? [DEFAULT_READ_ONLY_KEY],
    oauthClients: o.oauthClients ?? [DEFAULT_OAUTH_CLIENT],
    oauthTokenTtlSeconds: o.oauthTokenTtlSeconds ?? 86_400,
    referenceTime: ref,
    subdomain: o.subdomain ?? 'acme',
    linkBase: o.linkBase ?? 'https://api.pagerduty.com',
    jsonCacheSize: o.jsonCacheSize ?? 20_000,
  };
}

/** CLI flags win over env (PD_SIM_*), which win over defaults. */
export function optionsFromArgs(argv: string[], env: NodeJS.ProcessEnv): SimulatorOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else flags.set(a.slice(2), argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('--') ? (argv[++i] as string) : 'true');
  }
  const get = (flag: string, envName: string): string | undefined => flags.get(flag) ?? env[envName];
  const num = (flag: string, envName: string): number | undefined => {
    const v = get(flag, envName);
    if (v === undefined) return undefined;
    if (v === 'off') return 0;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${flag} must be a number`);
    return n;
  };
  const list = (flag: string, envName: string): string[] | undefined =>
    get(flag, envName)?.split(',').map((s) => s.trim()).filter(Boolean);
  const clients = list('oauth-clients', 'PD_SIM_OAUTH_CLIENTS')?.map((pair) => {
    const [clientId, clientSecret] = pair.split(':');
    if (!clientId || !clientSecret) throw new Error('--oauth-clients takes id:secret[,id:secret]');
    return { clientId, clientSecret };
  });
  const ref = get('reference-time', 'PD_SIM_REFERENCE_TIME');
  return {
    port: num('port', 'PD_SIM_PORT'),
    host: get('host', 'PD_SIM_HOST'),
    seed: num('seed', 'PD_SIM_SEED'),
    users: num('users', 'PD_SIM_USERS'),
    rateLimit: num('rate-limit', 'PD_SIM_RATE_LIMIT'),
    rateWindowMs: num('rate-window-ms', 'PD_SIM_RATE_WINDOW_MS'),
    apiKeys: list('api-keys', 'PD_SIM_API_KEYS'),
    readOnlyKeys: list('read-only-keys', 'PD_SIM_READ_ONLY_KEYS'),
    oauthClients: clients,
    oauthTokenTtlSeconds: num('oauth-token-ttl', 'PD_SIM_OAUTH_TOKEN_TTL'),
    referenceTime: ref,
    subdomain: get('subdomain', 'PD_SIM_SUBDOMAIN'),
    linkBase: get('link-base', 'PD_SIM_LINK_BASE'),
    jsonCacheSize: num('json-cache-size', 'PD_SIM_JSON_CACHE_SIZE'),
  };
}
