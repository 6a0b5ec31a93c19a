import { deriveDuty } from './seed';
import { STAKEHOLDER_ROLES } from './types';
import type { UserStore } from './user-store';

/** Who is on which schedule / escalation policy and who holds open incidents, for the whole account. */
export interface Duties {
  /** [userIndex, openIncidentCount] pairs in listing order. */
  incidentHolders: Array<readonly [number, number]>;
  scheduleMembers: Map<number, number[]>;
  policyMembers: Map<number, number[]>;
  stakeholders: number;
  fullUsers: number;
}

/**
 * Built lazily with one pass over the account and rebuilt only after a mutation, so list endpoints
 * for incidents, schedules and policies stay cheap even with a million users.
 */
export class DutyIndex {
  private built?: Duties;
  private builtAt = -1;

  constructor(private readonly store: UserStore) {}

  get(): Duties {
    if (this.built && this.builtAt === this.store.version) return this.built;
    const d: Duties = { incidentHolders: [], scheduleMembers: new Map(), policyMembers: new Map(), stakeholders: 0, fullUsers: 0 };
    const { spec } = this.store;
    for (let p = 0; p < this.store.count; p++) {
      const i = this.store.indexAt(p);
      const r = this.store.hasOverride(i) || i >= spec.users ? this.store.get(i) : deriveDuty(spec, i);
      if (!r) continue;
      if (r.openIncidents > 0) d.incidentHolders.push([i, r.openIncidents]);
      if (r.schedule >= 0) push(d.scheduleMembers, r.schedule, i);
      if (r.escalationPolicy >= 0) push(d.policyMembers, r.escalationPolicy, i);
      if (STAKEHOLDER_ROLES.has(r.role)) d.stakeholders++;
      else d.fullUsers++;
    }
    this.built = d;
    this.builtAt = this.store.version;
    return d;
  }
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
