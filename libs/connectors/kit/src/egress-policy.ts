import ipaddr from 'ipaddr.js';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent } from 'undici';
import { ConnectorError, ConnectorErrorKind } from './connector-error';

/** Node's `dns.lookup` signature as `net.connect` calls it (always with options). */
export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/** A refusal: nothing was sent. Final, never retried — it is a configuration error. */
export class EgressRefusedError extends ConnectorError {
  readonly kind = ConnectorErrorKind.EgressRefused;
}

export type Refuse = (message: string) => Error;

export interface EgressPolicyOptions {
  /**
   * Base URLs the operator allows beyond the vendor's official ones (the simulator, a proxy). They are
   * trusted with whatever address their host resolves to: listing one is the operator's decision.
   */
  allowedBaseUrls?: readonly string[];
  /** DNS resolution (tests pass one that answers what they need). */
  lookup?: LookupFunction;
  /** The error a refusal raises (a connector passes its own class); `EgressRefusedError` by default. */
  refuse?: Refuse;
  /** What the allowed URLs are, in messages: "vendor base URL" by default. */
  noun?: string;
}

const defaultRefuse: Refuse = (message) => new EgressRefusedError(message);

/**
 * Where a connector may send a credential. A vendor key must reach the vendor and nothing else: an
 * integration's base URL is set by an admin (or a stolen admin token), so without this a key no role
 * may read could be sent to the cloud metadata service, the database port or any host on the network.
 *
 * Three checks, all where the request is made:
 * - the URL: http(s), no userinfo, and one of the official base URLs or a base URL the operator listed;
 * - the address: an official host must resolve to public unicast addresses only (a poisoned resolver or
 *   a rebinding answer pointing `api.pagerduty.com` inside the network is refused before connecting);
 * - redirects are not followed (the client treats a 3xx as a refusal).
 */
export class EgressPolicy {
  private readonly allowed: string[];
  private readonly trustedHosts: Set<string>;
  private readonly lookup: LookupFunction;
  private readonly refuse: Refuse;
  private readonly noun: string;
  private agent?: Agent;

  constructor(officialBaseUrls: readonly string[], options: EgressPolicyOptions = {}) {
    this.refuse = options.refuse ?? defaultRefuse;
    this.noun = options.noun ?? 'vendor base URL';
    const listed = (options.allowedBaseUrls ?? []).map((u) => normaliseBaseUrl(u, this.refuse, this.noun));
    this.allowed = [...officialBaseUrls.map((u) => normaliseBaseUrl(u, this.refuse, this.noun)), ...listed];
    this.trustedHosts = new Set(listed.map((u) => new URL(u).hostname));
    this.lookup = options.lookup ?? (dnsLookup as unknown as LookupFunction);
  }

  /** Throws the refusal unless the URL is allowed (itself or below an allowed one); returns it normalised (no trailing slash). */
  checkBaseUrl(baseUrl: string): string {
    const normalised = normaliseBaseUrl(baseUrl, this.refuse, this.noun);
    const ok = this.allowed.some((a) => normalised === a || normalised.startsWith(`${a}/`));
    if (!ok) throw this.refuse(`${redactUrl(baseUrl, this.noun)} is not an allowed ${this.noun} (allowed: ${this.allowed.join(', ')})`);
    return normalised;
  }

  /** The undici dispatcher requests go through: it checks every address a host resolves to before connecting. */
  dispatcher(): Agent {
    this.agent ??= new Agent({ connect: { lookup: (hostname, options, callback) => this.checkedLookup(hostname, options, callback) } });
    return this.agent;
  }

  async close(): Promise<void> {
    await this.agent?.close();
    this.agent = undefined;
  }

  private checkedLookup(hostname: string, options: LookupOptions, callback: Parameters<LookupFunction>[2]): void {
    this.lookup(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      if (!this.trustedHosts.has(hostname)) {
        const addresses = typeof address === 'string' ? [address] : address.map((a) => a.address);
        const bad = addresses.find((a) => !isPublicAddress(a));
        if (bad !== undefined) return callback(this.refuse(`${hostname} resolved to ${bad}, which is not a public address`), address, family);
      }
      callback(null, address, family);
    });
  }
}

/** Public unicast only: loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved… are refused. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // `process` turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into the IPv4 address it carries.
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * Parses and normalises a base URL; refuses anything but a plain http(s) origin with an optional
 * path: userinfo, a query or a fragment have no place in a URL a secret is sent to.
 */
export function normaliseBaseUrl(baseUrl: string, refuse: Refuse = defaultRefuse, noun = 'vendor base URL'): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw refuse(`the ${noun} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(`the ${noun} must be http(s), not ${url.protocol}`);
  if (url.username || url.password) throw refuse(`the ${noun} must not carry a user name or password`);
  if (url.search || url.hash) throw refuse(`the ${noun} must not carry a query or a fragment`);
  // WHATWG parsing already turns 0x7f000001, 2130706433 or 127.1 into 127.0.0.1 and lower-cases the host.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** A URL for a message: never its userinfo. */
function redactUrl(raw: string, noun: string): string {
  try {
    const url = new URL(raw);
    if (url.username || url.password) {
      url.username = '***';
      url.password = '';
    }
    return url.toString().replace(/\/$/, '');
  } catch {
    return `the ${noun}`;
  }
}

/**
 * The refusal a failed fetch carries in its cause chain: the dispatcher's lookup raised it, undici
 * wraps it ("fetch failed"). `isRefusal` names the caller's own refusal class.
 */
export function refusalIn<E extends Error>(e: unknown, isRefusal: (cur: unknown) => cur is E): E | null {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    if (isRefusal(cur)) return cur;
  }
  return null;
}
