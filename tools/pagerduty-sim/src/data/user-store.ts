import { IdKind, MAX_INDEX, decodeId, encodeId } from './ids';
import { deriveUser, indexFromSeededEmail, type SeedSpec } from './seed';
import type { UserPatch, UserRecord } from './types';

/**
 * All users of the simulated account. Seeded users live only as their index in `live` (4 bytes
 * each); their fields are derived from the seed on demand. Changes, additions and deletions are
 * kept beside it (overrides map, deleted set), so a million users stay far below 1 GB.
 */
export class UserStore {
  /** Live user indices in listing order (creation order, ascending), first `size` slots used. */
  private live: Int32Array;
  private size: number;
  private nextIndex: number;
  private readonly overrides = new Map<number, UserPatch>();
  private readonly deleted = new Set<number>();
  /** Emails of added users and changed emails, for uniqueness checks. */
  private readonly emailIndex = new Map<string, number>();
  private readonly listeners: Array<(index: number) => void> = [];
  /** Contact methods and notification rules created through the API, counted down from MAX_INDEX (derived ones use the user's index). */
  private createdChildren = 0;
  /** Bumped on every mutation; derived indexes (on-call duty, incidents) rebuild when it moves. */
  version = 0;

  constructor(readonly spec: SeedSpec) {
    if (spec.users > MAX_INDEX) throw new Error(`users must be at most ${MAX_INDEX}`);
    this.live = new Int32Array(Math.max(16, spec.users + 64));
    for (let i = 0; i < spec.users; i++) this.live[i] = i;
    this.size = spec.users;
    this.nextIndex = spec.users;
  }

  get count(): number {
    return this.size;
  }

  onChange(listener: (index: number) => void): void {
    this.listeners.push(listener);
  }

  /** Index of the user at a listing position (0-based), or -1 past the end. */
  indexAt(position: number): number {
    return position >= 0 && position < this.size ? (this.live[position] as number) : -1;
  }

  /** First listing position whose index is greater than `index` (binary search: `live` is ascending). */
  positionAfter(index: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.live[mid] as number) <= index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  exists(index: number): boolean {
    return index >= 0 && index < this.nextIndex && !this.deleted.has(index);
  }

  indexOfId(id: string): number {
    const index = decodeId(this.spec.seed, IdKind.user, id);
    return this.exists(index) ? index : -1;
  }

  get(index: number): UserRecord | undefined {
    if (!this.exists(index)) return undefined;
    const patch = this.overrides.get(index);
    if (index >= this.spec.users) return patch as UserRecord; // added users are stored whole
    const base = deriveUser(this.spec, index);
    return patch ? { ...base, ...patch } : base;
  }

  hasOverride(index: number): boolean {
    return this.overrides.has(index);
  }

  /** A fresh index for an ID of a contact method or notification rule created through the API. */
  mintChildIndex(): number {
    return MAX_INDEX - this.createdChildren++;
  }

  emailTaken(email: string, exceptIndex = -1): boolean {
    const key = email.toLowerCase();
    const owner = this.emailIndex.get(key);
    if (owner !== undefined && owner !== exceptIndex && this.exists(owner) && this.get(owner)?.email.toLowerCase() === key) {
      return true;
    }
    const seeded = indexFromSeededEmail(key);
    if (seeded >= 0 && seeded < this.spec.users && seeded !== exceptIndex && this.exists(seeded)) {
      return this.get(seeded)?.email.toLowerCase() === key;
    }
    return false;
  }

  add(fields: Omit<UserRecord, 'index' | 'id'>): UserRecord {
    const index = this.nextIndex++;
    const record: UserRecord = { ...fields, index, id: encodeId(this.spec.seed, IdKind.user, index) };
    if (this.size === this.live.length) {
      const grown = new Int32Array(this.live.length * 2);
      grown.set(this.live);
      this.live = grown;
    }
    this.live[this.size++] = index;
    this.overrides.set(index, record);
    this.emailIndex.set(record.email.toLowerCase(), index);
    this.changed(index);
    return record;
  }

  update(index: number, patch: UserPatch): UserRecord | undefined {
    if (!this.exists(index)) return undefined;
    const merged = { ...this.overrides.get(index), ...patch };
    this.overrides.set(index, merged);
    if (patch.email !== undefined) this.emailIndex.set(patch.email.toLowerCase(), index);
    this.changed(index);
    return this.get(index);
  }

  remove(index: number): boolean {
    if (!this.exists(index)) return false;
    const pos = this.positionAfter(index) - 1;
    this.live.copyWithin(pos, pos + 1, this.size);
    this.size--;
    this.deleted.add(index);
    this.overrides.delete(index);
    this.changed(index);
    return true;
  }

  /** Every live user, in listing order. Materialises one record at a time. */
  *records(): Generator<UserRecord> {
    for (let p = 0; p < this.size; p++) {
      const r = this.get(this.live[p] as number);
      if (r) yield r;
    }
  }

  private changed(index: number): void {
    this.version++;
    for (const l of this.listeners) l(index);
  }
}
