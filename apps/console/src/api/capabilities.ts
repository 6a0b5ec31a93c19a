import { api } from './client';

let paths: Promise<Set<string>> | undefined;

/** The gateway's own OpenAPI document says which routes this deployment has (public: shapes, never data). */
export function gatewayPaths(): Promise<Set<string>> {
  paths ??= api
    .get<{ paths: Record<string, unknown> }>('/api/docs/openapi.json')
    .then((doc) => new Set(Object.keys(doc.paths)))
    .catch(() => {
      paths = undefined;
      return new Set<string>();
    });
  return paths;
}

export function hasRoutes(all: Set<string>, prefix: string): boolean {
  return [...all].some((p) => p === prefix || p.startsWith(`${prefix}/`));
}
