import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `npm run build` (vite) writes the console: `dist/apps/console` under the working directory. */
export function consoleDir(configured: string | undefined): string {
  return resolve(configured ?? join(process.cwd(), 'dist', 'apps', 'console'));
}

/**
 * The admin console's static files at `/`. Hashed assets are cached for a year; `index.html` is
 * never cached (it names the current assets) and answers every non-API page navigation (Accept: text/html, no file extension),
 * so a deep link such as `/integrations` works. `/api/*` is never touched: an unknown API path
 * stays a problem+json 404. Returns false when the console has not been built.
 */
export function serveConsole(app: NestExpressApplication, dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isPageNavigation(req.method, req.path, req.headers.accept)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

/**
 * A browser opening a console page: a GET outside `/api` that asks for text/html, of a path with
 * no file extension (a missing asset stays a 404 rather than an HTML page under a script's name).
 */
export function isPageNavigation(method: string, path: string, accept: string | undefined): boolean {
  return method === 'GET' && !isApiPath(path) && (accept ?? '').includes('text/html') && !/\.[a-z0-9]+$/i.test(path);
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
