import { teamId, teamName } from '../data/catalog';
import type { SeedSpec } from '../data/seed';
import type { UserRecord } from '../data/types';
import { contactMethodJson, contactMethodsOf, notificationRuleJson, notificationRulesOf } from './contact-json';
import { str } from './format';

export interface LinkBase {
  /** Base for `self` links (https://api.pagerduty.com unless configured). */
  apiBase: string;
  /** Base for `html_url` links, e.g. https://acme.pagerduty.com. */
  webBase: string;
}

export type UserInclude = 'teams' | 'contact_methods' | 'notification_rules';

const AVATAR = 'https://pd-static-assets.pagerduty.com/users/blank-avatar.png';

/**
 * Hand-written serialiser for the User object (field order follows the spec example, then the two
 * fields real payloads carry beyond the spec: `billed`, `coordinated_incidents`). String building
 * beats JSON.stringify of an object graph by a wide margin, which is what the throughput target needs.
 */
export function userJson(spec: SeedSpec, links: LinkBase, r: UserRecord, include: ReadonlySet<UserInclude>): string {
  const methods = contactMethodsOf(spec, r);
  const contact = methods.map((cm) => contactMethodJson(links.apiBase, r.id, cm, include.has('contact_methods'))).join(',');
  const rule = notificationRulesOf(spec, r)
    .map((nr) => notificationRuleJson(links.apiBase, r.id, nr, methods, include.has('notification_rules')))
    .join(',');
  let teams = '';
  for (const t of r.teams) {
    const id = teamId(spec, t);
    const name = str(teamName(t));
    if (teams) teams += ',';
    teams += include.has('teams')
      ? `{"id":"${id}","type":"team","summary":${name},"self":"${links.apiBase}/teams/${id}","html_url":"${links.webBase}/teams/${id}","name":${name},"description":${str(`${teamName(t)} team`)},"default_role":"manager"}`
      : `{"id":"${id}","type":"team_reference","summary":${name},"self":"${links.apiBase}/teams/${id}","html_url":"${links.webBase}/teams/${id}"}`;
  }
  const name = str(r.name);
  return (
    `{"id":"${r.id}","type":"user","summary":${name},"self":"${links.apiBase}/users/${r.id}","html_url":"${links.webBase}/users/${r.id}",` +
    `"name":${name},"email":${str(r.email)},"time_zone":${str(r.timeZone)},"color":${str(r.color)},"role":"${r.role}",` +
    `"avatar_url":"${AVATAR}","description":${r.description === null ? 'null' : str(r.description)},` +
    `"invitation_sent":${r.invitationSent},"created_via_sso":${r.createdViaSso},"contact_methods":[${contact}],` +
    `"notification_rules":[${rule}],"job_title":${str(r.jobTitle)},"teams":[${teams}],` +
    `"billed":${isBilled(r)},"coordinated_incidents":[]}`
  );
}

/** Stakeholders ride on a separate licence; everyone else (including pending invitations) is billed. */
export function isBilled(r: UserRecord): boolean {
  return r.role !== 'read_only_user' && r.role !== 'read_only_limited_user';
}

/**
 * Bounded cache of default (no include[]) user JSON. Paging sweeps re-read the same first 10,000
 * users (the offset cap), so a modest bound catches almost every hit without growing with N.
 */
export class UserJsonCache {
  private readonly map = new Map<number, string>();
  constructor(private readonly max: number) {}

  get(index: number, make: () => string): string {
    const hit = this.map.get(index);
    if (hit !== undefined) return hit;
    const json = make();
    if (this.max > 0) {
      if (this.map.size >= this.max) {
        const oldest = this.map.keys().next();
        if (!oldest.done) this.map.delete(oldest.value);
      }
      this.map.set(index, json);
    }
    return json;
  }

  invalidate(index: number): void {
    this.map.delete(index);
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * Whole-page cache for the plain `GET /users?limit&offset` sweep: a page is rebuilt only after the
 * account changes (store version moves). Holds encoded Buffers so a hit costs one socket write.
 */
export class PageCache {
  private readonly map = new Map<string, Buffer>();
  private version = -1;
  constructor(private readonly max: number) {}

  get(key: string, version: number, make: () => string): Buffer {
    if (version !== this.version) {
      this.map.clear();
      this.version = version;
    }
    const hit = this.map.get(key);
    if (hit) return hit;
    const buf = Buffer.from(make());
    if (this.max > 0) {
      if (this.map.size >= this.max) {
        const oldest = this.map.keys().next();
        if (!oldest.done) this.map.delete(oldest.value);
      }
      this.map.set(key, buf);
    }
    return buf;
  }

  clear(): void {
    this.map.clear();
    this.version = -1;
  }
}
