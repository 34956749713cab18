import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

/** Headless Chromium for the view tests: Debian's `chromium`, driven by playwright-core (no browser download). */

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile folder, removed on close. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(path.join(tmpdir(), 'mcp-panther-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1100, height: 800 },
    deviceScaleFactor: 1,
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
export const TEST_HOST_PAGE = path.join(PACKAGE, 'dist', 'testhost', 'testhost.html');
export const SCREENSHOTS = path.join(PACKAGE, 'screenshots');

export function testHostUrl(): string {
  if (!existsSync(TEST_HOST_PAGE))
    throw new Error(`${TEST_HOST_PAGE} is missing: run "pnpm run build" first`);
  return pathToFileURL(TEST_HOST_PAGE).href;
}

/** The frame of the rendered view (the test host renders one at a time). */
export function viewFrame(page: Page) {
  return page.frameLocator('#frames iframe');
}
