import { randomUUID } from 'node:crypto';

/**
 * A concrete URL for a route template: each `:param` becomes a random UUID, so the route is
 * reached (auth and validation run) without touching any existing resource.
 */
export function concretePath(template: string): string {
  return template.replace(/:([A-Za-z0-9_]+)/g, () => randomUUID());
}
