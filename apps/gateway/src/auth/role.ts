/**
 * The three roles, least to most powerful. They nest: an operator may do everything a viewer may,
 * an admin everything an operator may. Secrets are readable by no role (no route returns one).
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a token of role `actual` may call a route declared `@Roles(...required)`. */
export function roleAllows(actual: Role, required: readonly Role[]): boolean {
  return required.some((r) => RANK[actual] >= RANK[r]);
}

/** Every role a route declared `@Roles(...required)` admits (used by the route × role matrix test). */
export function rolesAdmitted(required: readonly Role[]): Role[] {
  return ROLES.filter((r) => roleAllows(r, required));
}
