import { RECORD_PROBLEMS_FIELD, replaceControlCharacters, type ControlCharacterFinding } from '@seatkeeper/contracts';
import { PagerDutyMalformedResponseError } from '../errors';


/** A PagerDuty user as fetched: `id` is guaranteed, every other field (known or not) is kept as sent. */
export type PagerDutyUserRecord = Record<string, unknown> & { id: string };

export interface UsersPage {
  users: PagerDutyUserRecord[];
  more: boolean;
  /** Present when `total=true` was asked for. */
  total: number | null;
}

/** Checks the shape of a `GET /users` page; anything off is a malformed page, never a silent gap. */
export function parseUsersPage(body: unknown, where: string): UsersPage {
  if (!isObject(body) || !Array.isArray(body['users'])) {
    throw new PagerDutyMalformedResponseError(`${where}: the page has no "users" array`);
  }
  const users = body['users'] as unknown[];
  users.forEach((u, i) => {
    if (!isObject(u) || typeof u['id'] !== 'string' || u['id'] === '') {
      throw new PagerDutyMalformedResponseError(`${where}: user #${i} of the page has no id`);
    }
  });
  const more = body['more'];
  if (typeof more !== 'boolean') throw new PagerDutyMalformedResponseError(`${where}: the page has no boolean "more"`);
  const total = body['total'];
  return {
    users: (users as PagerDutyUserRecord[]).map(repairControlCharacters),
    more,
    total: typeof total === 'number' && Number.isInteger(total) && total >= 0 ? total : null,
  };
}

function repairControlCharacters(user: PagerDutyUserRecord): PagerDutyUserRecord {
  const found: ControlCharacterFinding[] = [];
  const repaired = replaceControlCharacters(user, '', found) as PagerDutyUserRecord;
  if (found.length === 0) return user;
  repaired[RECORD_PROBLEMS_FIELD] = found.map((f) => `${f.path} contains a control character (${f.character})`);
  return repaired;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
