import { RequestMethod, type INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Role } from './role';
import { IS_PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** One HTTP route as Nest registered it, with who may call it. */
export interface RouteInfo {
  method: string;
  /** Express-style template, e.g. `/api/v1/tokens/:id`. */
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  /** The @Roles of the method, else of the controller; undefined when the route declares none. */
  roles?: Role[];
}

/**
 * Every route of the running gateway, read from Nest's own registry, so tests that walk "every
 * route" see a new controller the moment it is registered.
 */
export function listRoutes(app: INestApplicationContext): RouteInfo[] {
  const discovery = app.get(DiscoveryService);
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const cls = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!cls || typeof cls !== 'function') continue;
    const prefixes = asArray(Reflect.getMetadata(PATH_METADATA, cls) as string | string[] | undefined);
    const proto = cls.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as (...args: unknown[]) => unknown;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (method === undefined || paths === undefined) continue;
      const targets = [handler, cls];
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true;
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
      for (const prefix of prefixes) {
        for (const path of asArray(paths)) {
          routes.push({ method: RequestMethod[method], path: join(prefix, path), controller: cls.name, handler: name, isPublic, roles });
        }
      }
    }
  }
  return routes;
}

function asArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value : [value];
}

function join(prefix: string, path: string): string {
  const parts = [prefix, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p.length > 0);
  return `/${parts.join('/')}`;
}
