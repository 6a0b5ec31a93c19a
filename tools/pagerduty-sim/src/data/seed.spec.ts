import { ROLES } from './types';
import { deriveDuty, deriveUser, type SeedSpec } from './seed';
import { UserStore } from './user-store';

const spec = (seed: number, users = 2000): SeedSpec => ({ seed, users, referenceTime: Date.UTC(2026, 5, 1), subdomain: 'acme' });
const YEAR = 365 * 86_400_000;

describe('seeded accounts', () => {
  it('are deterministic: the same seed gives the same users, another seed different ones', () => {
    const a = Array.from({ length: 50 }, (_, i) => deriveUser(spec(9), i));
    const b = Array.from({ length: 50 }, (_, i) => deriveUser(spec(9), i));
    const c = Array.from({ length: 50 }, (_, i) => deriveUser(spec(10), i));
    expect(b).toEqual(a);
    expect(c.map((u) => u.id)).not.toEqual(a.map((u) => u.id));
  });

  it('have exactly one owner and a realistic mix of every role, invitations and sign-in ages', () => {
    const s = spec(3);
    const users = Array.from({ length: s.users }, (_, i) => deriveUser(s, i));
    expect(users.filter((u) => u.role === 'owner')).toHaveLength(1);
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    const share = (p: (u: (typeof users)[number]) => boolean): number => users.filter(p).length / users.length;
    expect(share((u) => u.invitationSent)).toBeGreaterThan(0.03);
    expect(share((u) => u.lastSignInAt === null)).toBeGreaterThan(0.08);
    expect(share((u) => u.lastSignInAt !== null && u.lastSignInAt < s.referenceTime - YEAR)).toBeGreaterThan(0.08);
    expect(share((u) => u.openIncidents > 0)).toBeGreaterThan(0.01);
    expect(share((u) => u.schedule >= 0)).toBeGreaterThan(0.05);
    expect(share((u) => u.escalationPolicy >= 0)).toBeGreaterThan(0.03);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    expect(users.every((u) => u.invitationSent === false || u.lastSignInAt === null)).toBe(true);
  });

  it('derives duties consistently with the full record', () => {
    const s = spec(5);
    for (let i = 0; i < 500; i++) {
      const { role, invitationSent, openIncidents, schedule, escalationPolicy } = deriveUser(s, i);
      expect(deriveDuty(s, i)).toEqual({ role, invitationSent, openIncidents, schedule, escalationPolicy });
    }
  });
});

describe('UserStore', () => {
  it('holds a million users compactly and serves any position', () => {
    const store = new UserStore(spec(1, 1_000_000));
    expect(store.count).toBe(1_000_000);
    const last = store.get(store.indexAt(999_999));
    expect(last?.email).toContain('.999999@');
    expect(store.indexOfId(last?.id ?? '')).toBe(999_999);
  });

  it('removes, adds and overrides users while keeping listing order', () => {
    const store = new UserStore(spec(1, 10));
    const victim = store.indexAt(3);
    expect(store.remove(victim)).toBe(true);
    expect(store.count).toBe(9);
    expect(store.indexAt(3)).toBe(4);
    expect(store.get(victim)).toBeUndefined();
    expect(store.remove(victim)).toBe(false);
    const added = store.add({ ...deriveUser(spec(1, 10), 1), email: 'new@acme.example.com' });
    expect(store.indexAt(store.count - 1)).toBe(added.index);
    expect(added.index).toBe(10);
    expect(store.emailTaken('NEW@acme.example.com')).toBe(true);
    expect(store.emailTaken(deriveUser(spec(1, 10), 2).email)).toBe(true);
    expect(store.emailTaken(deriveUser(spec(1, 10), 3).email)).toBe(false); // deleted users free their email
    store.update(2, { jobTitle: 'Chief Pager' });
    expect(store.get(2)?.jobTitle).toBe('Chief Pager');
  });
});
