import type { Principal } from '../auth/principal';

/** Who the services record as the actor of a change: the token's name and id. */
export function actorOf(who: Principal): string {
  return `${who.tokenName} [token ${who.tokenId}]`.slice(0, 200);
}
