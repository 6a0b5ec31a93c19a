import type { IncomingMessage } from 'node:http';
import type { Reply } from './http';
import type { Principal, RouteAccess } from './auth';
import type { SimState } from './state';

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  principal?: Principal;
  state: SimState;
}

export interface Route extends RouteAccess {
  method: string;
  /** Path template as in the OpenAPI description, e.g. `/users/{id}`. */
  pattern: string;
  /** No Authorization needed (the OAuth token endpoint). */
  public?: boolean;
  handler: (ctx: RequestContext) => Reply | Promise<Reply>;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
  /** `METHOD /template`, the key the request log and fault scoping use. */
  key: string;
}

/** A tiny segment matcher: the route table is small, and avoiding a framework keeps requests fast. */
export class Router {
  private readonly routes: Array<{ route: Route; segments: string[] }> = [];

  add(...routes: Route[]): this {
    for (const route of routes) this.routes.push({ route, segments: route.pattern.split('/').slice(1) });
    return this;
  }

  match(method: string, path: string): RouteMatch | undefined {
    const parts = path.split('/').slice(1);
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    outer: for (const { route, segments } of this.routes) {
      if (route.method !== method || segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const seg = segments[i] as string;
        const part = parts[i] as string;
        if (seg.startsWith('{')) params[seg.slice(1, -1)] = decodeURIComponent(part);
        else if (seg !== part) continue outer;
      }
      return { route, params, key: `${method} ${route.pattern}` };
    }
    return undefined;
  }
}
