/** The signed-in token and its role. Kept in sessionStorage only: gone with the tab, never in a URL. */
export type Role = 'viewer' | 'operator' | 'admin';

export interface Session {
  token: string;
  id: string;
  name: string;
  role: Role;
}

const KEY = 'seatkeeper.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Roles nest like the gateway's `@Roles` (viewer < operator < admin). */
export function atLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}
