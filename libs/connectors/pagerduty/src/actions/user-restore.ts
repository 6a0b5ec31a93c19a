import type { RestoreSkip, UserRestore, UserRestoreKit, UserRestoreOutcome } from '@seatkeeper/connector-kit';
import { PagerDutyApiError, PagerDutyMalformedResponseError } from '../errors';
import type { PagerDutyHttpClient } from '../http/pagerduty-http.client';
import { isObject } from '../users/user-page';

/**
 * The kit's shapes, under the names this library always exported them by. A kit is what
 * `GET /users/{id}` with include[] held before a delete; `existed` is true when an account with the
 * kit's email already existed (a restore cut short after `POST /users`, or re-created by hand).
 */
export type { RestoreSkip, UserRestoreKit, UserRestoreOutcome };

/** The User fields `POST /users` accepts; read-only ones (id, invitation_sent, avatar…) are PagerDuty's to set. */
const WRITABLE_USER_FIELDS = ['name', 'email', 'time_zone', 'color', 'role', 'description', 'job_title'] as const;
/** Methods the API may create; push methods are registered by the PagerDuty mobile app. */
const CREATABLE_METHODS = new Set(['email_contact_method', 'phone_contact_method', 'sms_contact_method', 'whatsapp_contact_method']);
const MAX_OFFSET = 10_000;

/**
 * Recreates a deleted user from its restore kit: the account (`POST /users`, `From` = the given
 * email or the account owner's), its contact methods, its notification rules (re-pointed at the
 * new contact-method ids) and its team memberships. Every step first looks at what exists, so a
 * restore run twice (or after a crash half-way) completes the account and creates nothing twice.
 */
export class PagerDutyUserRestore implements UserRestore {
  constructor(private readonly client: PagerDutyHttpClient) {}

  async restore(kit: UserRestoreKit, fromEmail?: string, signal?: AbortSignal): Promise<UserRestoreOutcome> {
    const email = text(kit.user['email']);
    if (!email) throw new PagerDutyMalformedResponseError('the restore kit has no user email');
    const found = await this.findByEmail(email, signal);
    const userId = found ?? (await this.createUser(kit.user, fromEmail ?? (await this.ownerEmail(signal)), signal));
    const methods = await this.restoreContactMethods(userId, kit.contactMethods, signal);
    const rules = await this.restoreNotificationRules(userId, kit.notificationRules, methods.idMap, signal);
    const teams = await this.restoreTeams(userId, kit.teams, signal);
    return { userId, existed: found !== null, contactMethods: methods.outcome, notificationRules: rules, teams };
  }

  /** The account owner's email, for `From`: PagerDuty has no role filter, so the list is read until the owner shows (usually the first page). */
  async ownerEmail(signal?: AbortSignal): Promise<string> {
    for (let offset = 0; offset + 100 <= MAX_OFFSET; offset += 100) {
      const body = (await this.client.send({ method: 'GET', path: '/users', query: { limit: 100, offset } }, signal)).body;
      if (!isObject(body) || !Array.isArray(body['users'])) throw new PagerDutyMalformedResponseError('GET /users: the answer has no "users" array');
      const owner = (body['users'] as unknown[]).find((u) => isObject(u) && u['role'] === 'owner');
      if (isObject(owner) && text(owner['email'])) return owner['email'] as string;
      if (body['more'] !== true) break;
    }
    throw new PagerDutyMalformedResponseError('no account owner found to send as From; name a from email');
  }

  /** `GET /users?query=<email>` is a substring match: keep the exact (case-insensitive) one. */
  private async findByEmail(email: string, signal?: AbortSignal): Promise<string | null> {
    const body = (await this.client.send({ method: 'GET', path: '/users', query: { query: email, limit: 100 } }, signal)).body;
    if (!isObject(body) || !Array.isArray(body['users'])) throw new PagerDutyMalformedResponseError('GET /users: the answer has no "users" array');
    const hit = (body['users'] as unknown[]).find((u) => isObject(u) && typeof u['email'] === 'string' && u['email'].toLowerCase() === email.toLowerCase());
    return isObject(hit) && typeof hit['id'] === 'string' ? hit['id'] : null;
  }

  private async createUser(user: Record<string, unknown>, from: string, signal?: AbortSignal): Promise<string> {
    const fields: Record<string, unknown> = { type: 'user' };
    for (const key of WRITABLE_USER_FIELDS) if (user[key] !== undefined) fields[key] = user[key];
    // Ownership cannot be given through the API (and the owner cannot be deleted in the first place).
    if (fields['role'] === 'owner') fields['role'] = 'admin';
    const res = await this.client.send({ method: 'POST', path: '/users', headers: { From: from }, body: { user: fields } }, signal);
    const created = isObject(res.body) && isObject(res.body['user']) ? res.body['user']['id'] : undefined;
    if (typeof created !== 'string') throw new PagerDutyMalformedResponseError('POST /users: the answer has no user id');
    return created;
  }

  private async restoreContactMethods(userId: string, kitMethods: Record<string, unknown>[], signal?: AbortSignal) {
    const path = `/users/${encodeURIComponent(userId)}/contact_methods`;
    const existing = await this.list(path, 'contact_methods', {}, signal);
    const idMap = new Map<string, string>();
    const outcome = { created: 0, kept: 0, skipped: [] as RestoreSkip[] };
    for (const cm of kitMethods) {
      const oldId = text(cm['id']);
      const type = text(cm['type']);
      const same = existing.find((e) => e['type'] === type && text(e['address'])?.toLowerCase() === text(cm['address'])?.toLowerCase());
      if (same && oldId) {
        idMap.set(oldId, String(same['id']));
        outcome.kept++;
        continue;
      }
      if (!type || !CREATABLE_METHODS.has(type)) {
        outcome.skipped.push({ id: oldId, type, reason: `${type ?? 'this contact method'} cannot be created through the API (push methods come from the mobile app)` });
        continue;
      }
      const body: Record<string, unknown> = { type, label: cm['label'], address: cm['address'] };
      if (cm['country_code'] !== undefined) body['country_code'] = cm['country_code'];
      if (cm['send_short_email'] !== undefined) body['send_short_email'] = cm['send_short_email'];
      const created = await this.create(path, 'contact_method', body, signal);
      if ('refused' in created) outcome.skipped.push({ id: oldId, type, reason: created.refused });
      else {
        if (oldId) idMap.set(oldId, created.id);
        outcome.created++;
      }
    }
    return { idMap, outcome };
  }

  private async restoreNotificationRules(userId: string, kitRules: Record<string, unknown>[], idMap: Map<string, string>, signal?: AbortSignal) {
    const path = `/users/${encodeURIComponent(userId)}/notification_rules`;
    const existing = await this.list(path, 'notification_rules', { urgency: 'any' }, signal);
    const outcome = { created: 0, kept: 0, skipped: [] as RestoreSkip[] };
    for (const nr of kitRules) {
      const oldId = text(nr['id']);
      const oldMethod = isObject(nr['contact_method']) ? text(nr['contact_method']['id']) : null;
      const method = oldMethod ? idMap.get(oldMethod) : undefined;
      if (!method) {
        outcome.skipped.push({ id: oldId, type: text(nr['type']), reason: `its contact method ${oldMethod ?? '(none)'} was not restored` });
        continue;
      }
      const same = existing.some(
        (e) => e['urgency'] === nr['urgency'] && e['start_delay_in_minutes'] === nr['start_delay_in_minutes'] && isObject(e['contact_method']) && e['contact_method']['id'] === method,
      );
      if (same) {
        outcome.kept++;
        continue;
      }
      const body = { type: 'assignment_notification_rule', start_delay_in_minutes: nr['start_delay_in_minutes'], urgency: nr['urgency'], contact_method: { id: method } };
      const created = await this.create(path, 'notification_rule', body, signal);
      if ('refused' in created) outcome.skipped.push({ id: oldId, type: text(nr['type']), reason: created.refused });
      else outcome.created++;
    }
    return outcome;
  }

  /** `PUT /teams/{id}/users/{user_id}` is itself idempotent; a team gone since the delete is skipped with the reason. */
  private async restoreTeams(userId: string, kitTeams: Record<string, unknown>[], signal?: AbortSignal) {
    const outcome = { added: [] as string[], skipped: [] as RestoreSkip[] };
    for (const team of kitTeams) {
      const id = text(team['id']);
      if (!id) continue;
      try {
        await this.client.send({ method: 'PUT', path: `/teams/${encodeURIComponent(id)}/users/${encodeURIComponent(userId)}` }, signal);
        outcome.added.push(id);
      } catch (e) {
        if (!(e instanceof PagerDutyApiError) || (e.status !== 404 && e.status !== 400)) throw e;
        outcome.skipped.push({ id, type: 'team', reason: e.message });
      }
    }
    return outcome;
  }

  private async list(path: string, key: string, query: Record<string, string>, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
    const body = (await this.client.send({ method: 'GET', path, query }, signal)).body;
    if (!isObject(body) || !Array.isArray(body[key])) throw new PagerDutyMalformedResponseError(`GET ${path}: the answer has no "${key}" array`);
    return (body[key] as unknown[]).filter(isObject);
  }

  /** A 400 (PagerDuty refused this one item, e.g. a blacklisted phone) is reported, not fatal: the rest of the account still comes back. */
  private async create(path: string, key: string, item: Record<string, unknown>, signal?: AbortSignal): Promise<{ id: string } | { refused: string }> {
    try {
      const res = await this.client.send({ method: 'POST', path, body: { [key]: item } }, signal);
      const obj = isObject(res.body) ? res.body[key] : undefined;
      if (!isObject(obj) || typeof obj['id'] !== 'string') throw new PagerDutyMalformedResponseError(`POST ${path}: the answer has no ${key} id`);
      return { id: obj['id'] };
    } catch (e) {
      if (e instanceof PagerDutyApiError && e.status === 400) return { refused: e.message };
      throw e;
    }
  }
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
