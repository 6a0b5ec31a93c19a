import { randomBytes } from 'node:crypto';
import { Errors } from './errors';

export type KeyAccess = 'full' | 'read-only';

export interface Principal {
  kind: 'api_key' | 'oauth';
  /** Rate-limit bucket: the key itself, or the OAuth client the token belongs to. */
  bucket: string;
  readOnly: boolean;
  scopes?: ReadonlySet<string>;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Scopes the client may be granted; undefined = any. */
  allowedScopes?: string[];
}

interface IssuedToken {
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
}

/** API keys, OAuth clients and issued OAuth tokens; all editable at runtime through the control API. */
export class Credentials {
  private readonly keys = new Map<string, KeyAccess>();
  private readonly clients = new Map<string, OAuthClient>();
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    keys: Array<[string, KeyAccess]>,
    clients: OAuthClient[],
    public tokenTtlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    for (const [k, a] of keys) this.keys.set(k, a);
    for (const c of clients) this.clients.set(c.clientId, c);
  }

  setKey(key: string, access: KeyAccess): void {
    this.keys.set(key, access);
  }
  removeKey(key: string): boolean {
    return this.keys.delete(key);
  }
  listKeys(): Array<{ key: string; access: KeyAccess }> {
    return [...this.keys].map(([key, access]) => ({ key, access }));
  }
  addClient(client: OAuthClient): void {
    this.clients.set(client.clientId, client);
  }
  /** Makes every issued token expire now, to test the refresh path without waiting. */
  expireTokens(): number {
    for (const t of this.tokens.values()) t.expiresAt = 0;
    return this.tokens.size;
  }

  issueToken(clientId: string, clientSecret: string, requested: string[]): { token: string; scopes: string[]; ttl: number } | undefined {
    const client = this.clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret) return undefined;
    const scopes = requested.filter((s) => !client.allowedScopes || client.allowedScopes.includes(s) || s.startsWith('as_account-'));
    const token = `pdus+_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { clientId, scopes: new Set(scopes), expiresAt: this.now() + this.tokenTtlSeconds * 1000 });
    return { token, scopes, ttl: this.tokenTtlSeconds };
  }

  /** Parses the Authorization header; throws the 401 PagerDuty gives for anything it does not accept. */
  authenticate(header: string | undefined): Principal {
    if (!header) throw Errors.authentication();
    // The docs insist the format is followed precisely: `Token token=<key>`.
    const token = /^Token token=(\S+)$/.exec(header);
    if (token) {
      const access = this.keys.get(token[1] as string);
      if (!access) throw Errors.authentication();
      return { kind: 'api_key', bucket: `key:${token[1]}`, readOnly: access === 'read-only' };
    }
    const bearer = /^Bearer (\S+)$/.exec(header);
    if (bearer) {
      const issued = this.tokens.get(bearer[1] as string);
      if (!issued || issued.expiresAt <= this.now()) throw Errors.authentication();
      return { kind: 'oauth', bucket: `oauth:${issued.clientId}`, readOnly: false, scopes: issued.scopes };
    }
    throw Errors.authentication();
  }
}

/** What authorisation needs to know of a route (the router's `Route` extends it: auth does not depend on the router). */
export interface RouteAccess {
  /** OAuth scope from the spec's `x-pd-requires-scope`. */
  scope?: string;
  /** Whether a read-only API key may call it. */
  write?: boolean;
}

/** 403 when a read-only key writes or an OAuth token lacks the operation's scope. */
export function authorise(principal: Principal, route: RouteAccess): void {
  if (principal.kind === 'api_key') {
    if (principal.readOnly && route.write) throw Errors.forbidden('This API key is read-only and cannot perform write operations');
    return;
  }
  if (!route.scope || !principal.scopes) return;
  const scopes = principal.scopes;
  // Classic user OAuth knows only `read` and `write`; scoped OAuth needs the exact per-resource scope.
  const classic = route.scope.endsWith('.read') ? scopes.has('read') || scopes.has('write') : scopes.has('write');
  if (!scopes.has(route.scope) && !classic) throw Errors.forbidden(`Missing required scope: ${route.scope}`);
}
