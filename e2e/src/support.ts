import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { demoTarget } from '../../packages/cli/test/cliEnv';
import { type ServerProcess, startServer } from '../../packages/cli/test/serverProcess';

export const SCREENSHOTS = resolve(import.meta.dirname, '../screenshots');
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Launches Debian's Chromium headless with the flags this machine needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Starts a fresh Wuxing (SQLite, its own copy of the demo district) on its own port for a browser test file. */
export async function startDemoServer(): Promise<ServerProcess> {
  return startServer(await e2eTarget(), await freePort());
}

/**
 * A fresh copy of the demo (SQLite) for one browser test file's server(s). Open live streams check their access
 * every second instead of every 20, so a test sees a replaced screen link stop the screen at once.
 */
async function e2eTarget(env: Record<string, string> = {}) {
  const base = await demoTarget('sqlite');
  return { ...base, env: { ...base.env, STREAM_RECHECK_SECONDS: '1', ...env } };
}

/**
 * Two Wuxing processes on one fresh database (SQLite, the demo district) and the same extra environment, e.g.
 * one `REDIS_URL`, as two app instances behind a load balancer. The second starts once the first has seeded.
 */
export async function startDemoServerPair(
  env: Record<string, string>,
): Promise<[ServerProcess, ServerProcess]> {
  const target = await e2eTarget(env);
  const first = await startServer(target, await freePort());
  try {
    return [first, await startServer(target, await freePort())];
  } catch (error) {
    await first.stop();
    throw error;
  }
}

/** A TCP port nobody listens on right now (the system picks it), so parallel test files do not collide. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A new browser context at a viewport, in Chinese, with the system's "reduce motion" on: the app then opens
 * dialogs and drop-downs at once, so a click never lands on one still zooming or sliding in (on a loaded CI
 * machine such clicks were lost now and then).
 */
export async function newContext(
  browser: Browser,
  viewport = DESKTOP,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    ...options,
  });
}

/** Logs in through the login page as a person would. */
export async function loginAs(
  page: Page,
  baseUrl: string,
  username: string,
  password = 'wuxing2023',
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Saves a full-page screenshot under e2e/screenshots/ to be looked at. */
export async function shoot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Waits until the locator is visible. After 15 s it fails the test with what the page showed then (its address and
 * text, a screenshot under e2e/screenshots/failures/), so a failure on CI can be read from the log alone.
 */
export async function visible(locator: Locator): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout: 15_000 });
  } catch (cause) {
    throw new Error(
      `${cause instanceof Error ? cause.message : String(cause)}\n${await describePage(locator.page())}`,
      {
        cause,
      },
    );
  }
}

/** The page's address, its visible text (cut at 2,000 characters) and a screenshot's path, for a failure message. */
async function describePage(page: Page): Promise<string> {
  try {
    // biome-ignore lint/performance/useDomNodeTextContent: what the user saw is wanted, not hidden text
    const text = (await page.locator('body').innerText({ timeout: 2000 }))
      .replace(/\s+/g, ' ')
      .slice(0, 2000);
    const dir = join(SCREENSHOTS, 'failures');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: 5000 });
    return `page ${page.url()} showed: ${text}\nscreenshot: ${file}`;
  } catch (error) {
    return `page ${page.url()} (could not be read: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** GETs a JSON API with the page's session (cookies); fails the test naming the URL on a non-2xx answer. */
export async function json<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.ok(), `${url} → ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** Waits for a toast message to go away (and the page to settle), so it is not in the next screenshot. */
export async function settle(page: Page): Promise<void> {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(500);
}
