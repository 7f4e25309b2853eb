import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../packages/cli/test/serverProcess';
import {
  DESKTOP,
  json,
  launchBrowser,
  loginAs,
  newContext,
  SCREENSHOTS,
  settle,
  shoot,
  startDemoServer,
  visible,
} from './support';

/** The narrowest phone the public page is made for. */
const SMALL_PHONE = { width: 375, height: 812 };

interface Summary {
  id: string;
  number: string;
  period: string;
  publicPath: string;
  currentVersion: number;
}
interface UnitRow {
  code: string;
  name: string;
  rank: number;
  score: number;
  stars: Record<string, number | null>;
}
interface PublicView {
  title: string;
  version: number;
  snapshot: { units: UnitRow[]; streets: { name: string; score: number }[] };
}

describe('公示 in a real browser: the public page without login, the A4 notice, objections and the version diff', () => {
  let server: ServerProcess;
  let browser: Browser;
  let admin: Page;
  let csrf: string;
  let demo: Summary;
  let names: string[];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    admin = await (await newContext(browser, DESKTOP)).newPage();
    await loginAs(admin, server.url, 'admin');
    csrf = (await json<{ csrfToken: string }>(admin, `${server.url}/api/auth/me`)).csrfToken;
    const list = await json<{ rows: Summary[] }>(admin, `${server.url}/api/publications`);
    const found = list.rows.find((r) => r.period === '2023-Q1');
    if (!found) throw new Error('no demo publication');
    demo = found;
    const users = await json<{ users?: { displayName: string }[]; rows?: { displayName: string }[] }>(
      admin,
      `${server.url}/api/users`,
    );
    names = (users.users ?? users.rows ?? []).map((u) => u.displayName);
    expect(names.length).toBeGreaterThan(5);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('anyone opens the public page on a phone without logging in and sees only the published rows, no user names', async () => {
    const published = await json<PublicView>(
      admin,
      `${server.url}/api/public${demo.publicPath.replace('/p/', '/publications/')}`,
    );
    // The live ledger moves after publishing (大营村's March 督导 score corrected), the page must not follow.
    const entries = await json<{ entries: { id: string; current: boolean; points: number }[] }>(
      admin,
      `${server.url}/api/campaigns/WX2023/units/LX-DY/items/DD-ZB-03/entries`,
    );
    const entry = entries.entries.find((e) => e.current);
    if (!entry) throw new Error('no entry');
    const corrected = await admin.request.post(
      `${server.url}/api/campaigns/WX2023/scores/${entry.id}/correct`,
      {
        headers: { 'x-csrf-token': csrf },
        data: { points: Math.min(100, entry.points + 30), reason: '浏览器测试：公示后台账变动' },
      },
    );
    expect(corrected.ok(), await corrected.text()).toBe(true);
    const live = await json<{ rows: { unitCode: string; score: number }[] }>(
      admin,
      `${server.url}/api/campaigns/WX2023/ranking?period=2023-Q1`,
    );
    const dyLive = live.rows.find((r) => r.unitCode === 'LX-DY')?.score ?? 0;
    const dyPublished = published.snapshot.units.find((u) => u.code === 'LX-DY')?.score ?? 0;
    expect(dyLive.toFixed(2)).not.toBe(dyPublished.toFixed(2));

    const context = await newContext(browser, SMALL_PHONE, {
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) apiCalls.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.url}${demo.publicPath}`);
    await visible(page.getByRole('heading', { name: published.title }));
    expect(page.url()).toContain(demo.publicPath);
    await visible(page.getByText(demo.number));
    await visible(page.getByText('中共石龙区委组织部').first());
    await visible(page.getByText(/本公示已更正，现为第2版/));
    // Every published unit with its published score; 大营村 shows the frozen score, not the live one.
    for (const u of published.snapshot.units.slice(0, 20)) {
      await visible(page.locator(`[data-unit="${u.code}"]`).getByText(u.score.toFixed(2)).first());
    }
    const dyCard = page.locator('[data-unit="LX-DY"]');
    await expect(dyCard.textContent()).resolves.toContain(dyPublished.toFixed(2));
    await expect(dyCard.textContent()).resolves.not.toContain(dyLive.toFixed(2));
    // No user names anywhere on the page (the publisher is the organisation).
    const text = (await page.locator('body').textContent()) ?? '';
    for (const name of names) expect(text, name).not.toContain(name);
    // The page read only the public API (the session probe answers 401 for the public).
    expect(apiCalls.filter((p) => !p.startsWith('/api/public/') && p !== '/api/auth/me')).toEqual([]);
    // A QR code of this very page for notice boards.
    const qr = page.locator('img[data-qr]');
    await expect(qr.getAttribute('data-qr')).resolves.toBe(`${server.url}${demo.publicPath}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(page, 'publication-public-phone');
    // The corrections say why version 2 exists.
    await page.getByText(/本公示已更正/).click();
    await visible(page.getByText(/采纳何庄村异议/));
    await context.close();
  });

  it('prints as an A4 公示表 (PDF rendered to PNG)', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${server.url}${demo.publicPath}/print`);
    const sheet = page.getByTestId('print-sheet');
    await visible(sheet);
    await visible(sheet.getByText('公示表'));
    await visible(sheet.getByText(/异议受理：区委组织部组织科/));
    await visible(sheet.getByText(/2023-04-10至2023-04-17（5个工作日）/));
    await page.waitForFunction(() => document.fonts.status === 'loaded');
    const dir = mkdtempSync(join(tmpdir(), 'wuxing-pdf-'));
    try {
      const pdf = join(dir, 'notice.pdf');
      const bytes = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(pdf, bytes);
      // One A4 page, read from the PDF itself (Chromium writes its page objects uncompressed).
      const text = Buffer.from(bytes).toString('latin1');
      expect(text.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
      expect(text).toMatch(/\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 841(\.\d+)?\s*\]/);
      // The PNG to look at needs poppler's pdftoppm (.ci/run installs poppler-utils); without it, no picture.
      if (!spawnSync('pdftoppm', ['-v']).error)
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '110',
          '-singlefile',
          pdf,
          join(SCREENSHOTS, 'publication-print-a4'),
        ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await context.close();
  });

  it('a village user objects from the public page of an open publication; the admin sees it, and the version diff of the demo', async () => {
    const res = await admin.request.post(`${server.url}/api/publications`, {
      headers: { 'x-csrf-token': csrf },
      data: {
        idempotencyKey: '3b0c1e0a-7a51-4a4e-9f35-9d1e3a2f6b10',
        campaignCode: 'WX2023',
        period: '2023-Q2',
        scope: 'public',
        contact: '区委组织部组织科 0371-62881234',
      },
    });
    expect(res.ok(), await res.text()).toBe(true);
    const q2 = ((await res.json()) as { publication: Summary }).publication;

    const context = await newContext(browser, SMALL_PHONE);
    const village = await context.newPage();
    await loginAs(village, server.url, 'village');
    await village.goto(`${server.url}${q2.publicPath}`);
    await visible(village.getByText('您已登录，可对本单位结果提出异议'));
    await village.getByRole('button', { name: '提出异议' }).click();
    const dialog = village.getByRole('dialog');
    await visible(dialog.getByText('何庄村'));
    await dialog.getByLabel('异议理由').fill('二季度产业兴旺星的督导得分漏计了5月份的产业路进度，请核实。');
    await dialog.getByRole('button', { name: '提交异议' }).click();
    await visible(village.getByText('异议已提交，区委组织部将核实处理'));
    await context.close();

    await admin.goto(`${server.url}/publications/${q2.id}?tab=objections`);
    const card = admin.locator('[data-objection="RML-HZ"]');
    await visible(card.getByText('待处理'));
    await visible(card.getByText(/产业路进度/));
    await visible(card.getByRole('button', { name: '采纳', exact: true }));

    await admin.goto(`${server.url}/publications`);
    await visible(admin.getByText(demo.number));
    await settle(admin);
    await shoot(admin, 'publications-list');

    await admin.goto(`${server.url}/publications/${demo.id}?tab=diff`);
    await visible(admin.getByText(/变更原因：采纳何庄村异议/));
    const row = admin.locator('tr', { hasText: '何庄村' });
    await visible(row.locator('[data-field="ZB"]'));
    await settle(admin);
    await shoot(admin, 'publication-version-diff');
    await admin.goto(`${server.url}/publications/${demo.id}?tab=objections`);
    await visible(admin.locator('[data-objection="LX-DY"] .ant-tag', { hasText: '不予采纳' }));
    await settle(admin);
    await shoot(admin, 'publication-objections');
  });
});
