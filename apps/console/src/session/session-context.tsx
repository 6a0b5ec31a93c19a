import { createContext, useContext } from 'react';
import { atLeast, type Role, type Session } from './session';

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** True when the signed-in role may do what the route's `@Roles(least)` allows; edit controls render only then. */
export function useCan(least: Role): boolean {
  return atLeast(useSession().role, least);
}
