/**
 * Web bundle (issue 9, "JS gzip bytes of login page and dashboard"): the JavaScript a browser downloads to show
 * the login page and the district dashboard, gzip-compressed at zlib level 9 chunk by chunk (what a server with
 * static gzip would send), measured in headless Chromium against a demo server — every `.js` response of the page
 * load, so the entry, its static imports, the lazily loaded route chunks and whatever those import at run time
 * (the layout, the role gate, ECharts once a chart mounts) all count, exactly as a user's browser fetches them.
 *
 * Each page is opened in a fresh browser context (empty cache, service workers blocked so nothing is precached):
 *   1. /login, until the login form shows and the network is idle;
 *   2. /dashboard as the district admin (logged in through the API first), until a chart canvas is drawn
 *      (or the page settles without one) and the network is idle.
 * Baselines in the same run: the dashboard against the login page (what the dashboard adds), and both against
 * the whole build (every `.js` file in packages/web/dist/assets, the most a visitor could ever download).
 *
 * The web app is built first when packages/web/dist is missing or older than its sources (scripts/
 * ensure-web-build.mjs, as `npm start` does). Cross-checks (exit 1 on failure): every measured chunk is a file
 * of the build with the same bytes, the login page loads no ECharts code, and the dashboard loads the entry
 * chunk the login page loads. Sizes are printed, never asserted.
 *
 * Environment: CHROMIUM_PATH (/usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { newTarget } from '../../packages/cli/test/cliEnv';
import { startServer } from '../../packages/cli/test/serverProcess';
import { ensureBenchFlags, machine, printMachine, writeJson } from './harness';

ensureBenchFlags(import.meta.url, 0);

const ROOT = resolve(import.meta.dirname, '../..');
const ASSETS = join(ROOT, 'packages/web/dist/assets');

/** One JavaScript file as shipped: its name, raw bytes and gzip (level 9) bytes. */
interface Chunk {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

/** The JavaScript one page load fetched. */
interface PageLoad {
  page: string;
  chunks: Chunk[];
  rawBytes: number;
  gzipBytes: number;
  /** Whether the page drew a chart (a canvas) before it settled. */
  chart: boolean;
}

function gzipSize(bytes: Buffer): number {
  return gzipSync(bytes, { level: 9 }).length;
}

function chunkOf(file: string, bytes: Buffer): Chunk {
  return { file, rawBytes: bytes.length, gzipBytes: gzipSize(bytes) };
}

function total(chunks: readonly Chunk[]): { rawBytes: number; gzipBytes: number } {
  return {
    rawBytes: chunks.reduce((s, c) => s + c.rawBytes, 0),
    gzipBytes: chunks.reduce((s, c) => s + c.gzipBytes, 0),
  };
}

/** Builds the web app when its build is missing or stale, as `npm start` does. */
function ensureBuild(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`building the web app failed:\n${r.stdout}${r.stderr}`);
  console.log(
    r.stdout.includes('vite build')
      ? 'built the web app (its build was missing or stale)'
      : 'web build is fresh',
  );
  if (!existsSync(ASSETS)) throw new Error(`no build at ${ASSETS}`);
}

/** Every `.js` file of the build, sized. */
function wholeBuild(): Chunk[] {
  return readdirSync(ASSETS)
    .filter((f) => f.endsWith('.js'))
    .map((f) => chunkOf(f, readFileSync(join(ASSETS, f))))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

async function launch(): Promise<Browser> {
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
    ],
  });
}

/** Opens `path` in a fresh context (after `prepare`), waits for `ready`, and sizes every `.js` response. */
async function measure(
  browser: Browser,
  baseUrl: string,
  name: string,
  path: string,
  prepare: (page: Page) => Promise<void>,
  ready: (page: Page) => Promise<boolean>,
): Promise<PageLoad> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
  });
  try {
    const page = await context.newPage();
    await prepare(page);
    const pending: Promise<Chunk | null>[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin !== baseUrl || !url.pathname.endsWith('.js')) return;
      pending.push(
        response.body().then(
          (body) => chunkOf(basename(url.pathname), body),
          () => null,
        ),
      );
    });
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
    const chart = await ready(page);
    await page.waitForLoadState('networkidle');
    const seen = new Map<string, Chunk>();
    for (const c of await Promise.all(pending)) if (c) seen.set(c.file, c);
    const chunks = [...seen.values()].sort((a, b) => b.gzipBytes - a.gzipBytes);
    return { page: name, chunks, ...total(chunks), chart };
  } finally {
    await context.close();
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '');

/** Prints rows of text as aligned columns (first column left, the rest right). */
function printColumns(header: string[], rows: string[][]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const m = machine();
  printMachine(m);
  ensureBuild();
  const build = wholeBuild();
  const buildTotal = total(build);
  const buildByName = new Map(build.map((c) => [c.file, c]));

  const server = await startServer(await newTarget('sqlite'), await freePort());
  const browser = await launch();
  let login: PageLoad;
  let dashboard: PageLoad;
  try {
    login = await measure(
      browser,
      server.url,
      'login',
      '/login',
      async () => undefined,
      async (page) => {
        await page.getByPlaceholder('用户名').waitFor({ state: 'visible', timeout: 30_000 });
        return false;
      },
    );
    dashboard = await measure(
      browser,
      server.url,
      'dashboard',
      '/dashboard',
      async (page) => {
        const r = await page.request.post(`${server.url}/api/auth/login`, {
          data: { username: 'admin', password: 'wuxing2023' },
        });
        if (!r.ok()) throw new Error(`login failed: ${r.status()}`);
      },
      async (page) => {
        // The dashboard is drawn once a chart's canvas is there; a page without charts settles by network idle.
        return page
          .locator('canvas')
          .first()
          .waitFor({ state: 'visible', timeout: 30_000 })
          .then(
            () => true,
            () => false,
          );
      },
    );
  } finally {
    await browser.close();
    await server.stop();
  }

  const failures: string[] = [];
  for (const load of [login, dashboard]) {
    for (const c of load.chunks) {
      const built = buildByName.get(c.file);
      if (!built) failures.push(`${load.page}: ${c.file} is not a file of the build`);
      else if (built.rawBytes !== c.rawBytes)
        failures.push(`${load.page}: ${c.file} is ${c.rawBytes} bytes, the build's is ${built.rawBytes}`);
    }
  }
  const echarts = (c: Chunk) => /^echarts[-.]/.test(c.file);
  if (login.chunks.some(echarts)) failures.push('the login page loads ECharts');
  const loginEntry = login.chunks.find((c) => c.file.startsWith('index-'));
  if (!loginEntry) failures.push('no entry chunk (index-*.js) on the login page');
  else if (!dashboard.chunks.some((c) => c.file === loginEntry.file))
    failures.push(`the dashboard does not load the entry ${loginEntry.file}`);

  console.log(
    `\nJavaScript per page, gzip level 9 per chunk (fresh cache; dashboard as the district admin${dashboard.chart ? ', charts drawn' : ', NO chart drawn'})`,
  );
  printColumns(
    ['measure', 'gzip', 'raw', 'chunks', 'vs login', 'of whole build'],
    [
      [
        'login page',
        kib(login.gzipBytes),
        kib(login.rawBytes),
        String(login.chunks.length),
        '1.00×',
        pct(login.gzipBytes, buildTotal.gzipBytes),
      ],
      [
        'dashboard page',
        kib(dashboard.gzipBytes),
        kib(dashboard.rawBytes),
        String(dashboard.chunks.length),
        `${(dashboard.gzipBytes / login.gzipBytes).toFixed(2)}×`,
        pct(dashboard.gzipBytes, buildTotal.gzipBytes),
      ],
      [
        'dashboard minus login',
        kib(dashboard.gzipBytes - login.gzipBytes),
        kib(dashboard.rawBytes - login.rawBytes),
        String(dashboard.chunks.length - login.chunks.length),
        '',
        pct(dashboard.gzipBytes - login.gzipBytes, buildTotal.gzipBytes),
      ],
      [
        'whole build (every .js)',
        kib(buildTotal.gzipBytes),
        kib(buildTotal.rawBytes),
        String(build.length),
        `${(buildTotal.gzipBytes / login.gzipBytes).toFixed(2)}×`,
        '100%',
      ],
    ],
  );
  const loginFiles = new Set(login.chunks.map((c) => c.file));
  for (const load of [login, dashboard]) {
    console.log(
      `\n${load.page}: chunks by gzip size${load === dashboard ? ' (* = also on the login page)' : ''}`,
    );
    printColumns(
      ['chunk', 'gzip', 'raw'],
      load.chunks.map((c) => [
        `${load === dashboard && loginFiles.has(c.file) ? '* ' : ''}${c.file}`,
        kib(c.gzipBytes),
        kib(c.rawBytes),
      ]),
    );
  }

  const path = writeJson('webBundle', {
    machine: m,
    compression: 'gzip level 9, per chunk',
    login,
    dashboard,
    wholeBuild: { ...buildTotal, chunks: build.length },
    failures,
  });
  console.log(`\nfigures: ${path}`);
  if (failures.length > 0) {
    console.error(`\n✗ ${failures.length} check(s) failed:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

/** A TCP port nobody listens on right now (the system picks it). */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
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

await main();
