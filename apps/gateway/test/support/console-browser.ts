import { workspaceRoot } from '@seatkeeper/testing';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const VIEWPORT = { width: 1440, height: 900 };

/** The console's build output; built here (vite, ~10 s) when `npm run build` has not run. */
export function ensureConsoleBuilt(): string {
  const dir = join(workspaceRoot(), 'dist', 'apps', 'console');
  if (!existsSync(join(dir, 'index.html'))) {
    const built = spawnSync('npx', ['vite', 'build', '--config', 'apps/console/vite.config.mts'], { cwd: workspaceRoot(), encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`console build failed:\n${built.stdout}\n${built.stderr}`);
  }
  return dir;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  return { context, page };
}

/** Screenshots for the README, rewritten by every run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(workspaceRoot(), 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

export async function signIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
