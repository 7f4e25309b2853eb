import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../packages/cli/test/serverProcess';
import type {
  BigScreenView,
  DashboardView,
  VillageDashboardView,
} from '../../packages/server/src/contracts/dashboard';
import {
  DESKTOP,
  json,
  launchBrowser,
  loginAs,
  newContext,
  PHONE,
  settle,
  shoot,
  startDemoServer,
  visible,
} from './support';

const BIG = { width: 1920, height: 1080 };

/** The text the page shows for a figure (data-testid), trimmed. */
async function shown(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
}

/** Waits until the page's document is no wider than its viewport (nothing sticks out sideways on a phone). */
async function noSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

describe('数据看板 in a real browser: district, street, a village on a phone, the big screen live', () => {
  let server: ServerProcess;
  let browser: Browser;
  // The district admin logs in once; the phone and the big-screen tests reuse the session.
  let adminContext: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    adminContext = await newContext(browser, DESKTOP);
    admin = await adminContext.newPage();
    await loginAs(admin, server.url, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the district admin opens the dashboard from home: figures equal the API, tables too, a chart click opens its list', async () => {
    const page = admin;
    await page.getByTestId('home-dashboard-card').click();
    await page.waitForURL('**/dashboard');
    const api = await json<DashboardView>(page, `${server.url}/api/dashboard`);
    expect(api.head.level).toBe('district');

    await visible(page.getByTestId('kpi-units'));
    expect(await shown(page, 'kpi-units-value')).toBe(String(api.kpis.units));
    expect(await shown(page, 'kpi-avgScore-value')).toBe(api.kpis.avgScore?.toFixed(2) ?? '—');
    expect(await shown(page, 'kpi-rounds-value')).toBe(String(api.kpis.roundsInMonth));
    expect(await shown(page, 'kpi-problemsOpen-value')).toBe(String(api.kpis.problemsOpen));
    expect(await shown(page, 'kpi-problemsOverdue-value')).toBe(String(api.kpis.problemsOverdue));
    expect(await shown(page, 'kpi-warningsActive-value')).toBe(String(api.kpis.warningsActive));
    const top = page.getByTestId('rank-top').locator('li');
    await expect.poll(() => top.count()).toBe(api.top.length);
    for (const [i, row] of api.top.entries()) {
      expect(await top.nth(i).getByTestId('rank-score').textContent()).toBe(row.score.toFixed(2));
      expect(await top.nth(i).textContent()).toContain(row.name);
    }
    for (const chart of ['distribution', 'streets', 'trend', 'funnel', 'stars', 'ratings'])
      await visible(page.getByTestId(`chart-${chart}`).locator('canvas'));
    await settle(page);
    await shoot(page, 'dashboard-district');

    // A click on the funnel's first bar (every problem notified) opens the problem list behind it.
    const canvas = page.getByTestId('chart-funnel');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no funnel chart');
    // Five rows between the grid's 4 px margins: the first row's middle, the widest bar's middle. The click is
    // repeated while the chart may still be drawing on a busy machine.
    for (let i = 0; i < 5 && !page.url().includes('/problems'); i++) {
      await page.mouse.click(box.x + box.width * 0.6, box.y + 4 + (box.height - 8) / 10);
      await page.waitForURL(/\/problems\?/, { timeout: 3000 }).catch(() => undefined);
    }
    expect(new URL(page.url()).search).toBe('?campaign=WX2023');
    await visible(page.getByText(`全部 ${api.funnel.notified}`));
    await page.goBack();

    // The table fallback shows the same numbers as the chart's data.
    const distribution = page.getByTestId('card-distribution');
    await distribution.getByText('表格').click();
    for (const bucket of api.distribution)
      expect(await shown(page, `bucket-${bucket.label}`)).toBe(String(bucket.count));
    await page.getByTestId('card-funnel').getByText('表格').click();
    for (const stage of ['notified', 'submitted', 'reviewed', 'closed', 'overdue'] as const)
      expect(await shown(page, `funnel-${stage}`)).toBe(String(api.funnel[stage]));

    // A bucket opens a drawer listing its units.
    const fullest = [...api.distribution].sort((a, b) => b.count - a.count)[0];
    expect(fullest && fullest.count > 0).toBe(true);
    await page.getByTestId(`bucket-${fullest?.label}`).click();
    const drawer = page.getByTestId('units-drawer');
    await expect.poll(() => drawer.locator('.ant-list-item').count()).toBe(fullest?.count);
  });

  it('the street admin sees its street with the village × star heat map; the district dashboard reads on a phone', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'street');
    await page.goto(`${server.url}/dashboard`);
    const api = await json<DashboardView>(page, `${server.url}/api/dashboard`);
    expect(api.head.level).toBe('street');
    expect(api.heatmap).not.toBeNull();
    await visible(page.getByTestId('heatmap'));
    await expect
      .poll(() => page.getByTestId('heatmap').locator('tbody tr').count())
      .toBe(api.heatmap?.rows.length);
    const first = api.heatmap?.rows[0];
    const firstScore = first?.scores.find((s) => s !== null);
    if (first && firstScore != null)
      expect(await page.getByTestId('heatmap').locator('tbody tr').first().textContent()).toContain(
        firstScore.toFixed(2),
      );
    expect(await shown(page, 'kpi-units-value')).toBe(String(api.kpis.units));
    expect(await page.getByTestId('card-streets').count()).toBe(0);
    await visible(page.getByTestId('chart-trend').locator('canvas'));
    await settle(page);
    await shoot(page, 'dashboard-street');
    await context.close();

    const phone = await newContext(browser, PHONE, { storageState: await adminContext.storageState() });
    const adminPhone = await phone.newPage();
    await adminPhone.goto(`${server.url}/dashboard`);
    await visible(adminPhone.getByTestId('chart-distribution').locator('canvas'));
    await visible(adminPhone.getByTestId('chart-funnel').locator('canvas'));
    await noSidewaysScroll(adminPhone);
    await settle(adminPhone);
    await shoot(adminPhone, 'dashboard-district-phone');
    await phone.close();
  });

  it('a village user reads its score analysis on a phone', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'village');
    await page.goto(`${server.url}/dashboard/village`);
    const api = await json<VillageDashboardView>(page, `${server.url}/api/dashboard/village`);
    await visible(page.getByTestId('v-score'));
    expect(await page.getByTestId('v-score').textContent()).toContain(api.score?.toFixed(2) ?? '—');
    expect(await page.getByTestId('v-rank').textContent()).toContain(`${api.rank ?? '—'}/${api.total}`);
    await visible(page.getByTestId('chart-rank-trend').locator('canvas'));
    if (api.losses.length > 0) await visible(page.getByTestId('chart-losses').locator('canvas'));
    for (const p of api.problems.slice(0, 3)) await visible(page.getByText(p.number).first());
    for (const d of api.due.slice(0, 3)) await visible(page.getByText(d.title).first());
    await noSidewaysScroll(page);
    await settle(page);
    await shoot(page, 'dashboard-village-phone');
    await context.close();
  });

  it('the admin makes a big-screen link; the screen at 1920×1080 shows the figures and follows a write without reload', async () => {
    await admin.goto(`${server.url}/dashboard`);
    await admin.getByRole('button', { name: '大屏' }).click();
    const dialog = admin.getByTestId('screen-link-dialog');
    await visible(dialog.getByText('尚未生成大屏链接。'));
    await dialog.getByRole('button', { name: '生成链接' }).click();
    const input = admin.getByTestId('screen-link-url');
    await visible(input);
    const url = await input.inputValue();
    expect(url).toMatch(/\/bigscreen\/[A-Za-z0-9_-]{20,}$/);
    await visible(dialog.getByText(/已有链接：/));

    const screenContext = await newContext(browser, BIG);
    const screen = await screenContext.newPage();
    await screen.goto(url);
    const token = url.slice(url.lastIndexOf('/') + 1);
    const before = await json<BigScreenView>(screen, `${server.url}/api/bigscreen/${token}`);
    await visible(screen.getByTestId('bigscreen'));
    await visible(screen.getByText('石龙区五星支部创建数据大屏'));
    expect(await shown(screen, 'bs-kpi-problemsOpen-value')).toBe(String(before.dashboard.kpis.problemsOpen));
    expect(await shown(screen, 'bs-kpi-avgScore-value')).toBe(
      before.dashboard.kpis.avgScore?.toFixed(2) ?? '—',
    );
    const bsTop = screen.getByTestId('bs-rank-top').locator('li');
    await expect.poll(() => bsTop.count()).toBe(before.dashboard.top.length);
    await expect.poll(() => screen.locator('.wx-bs canvas').count()).toBe(6);
    await screen.waitForTimeout(800);
    await shoot(screen, 'bigscreen');

    // A write through the API (a new problem) reaches the open screen without a reload.
    await screen.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    const { csrfToken } = await json<{ csrfToken: string }>(admin, `${server.url}/api/auth/me`);
    const raised = await admin.request.post(`${server.url}/api/problems`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        idempotencyKey: `dashboard-e2e-${Date.now()}`,
        campaign: before.dashboard.head.campaign.code,
        unitCode: 'RML-HZ',
        star: 'ZB',
        source: 'supervision',
        description: '大屏联动测试：党员活动室制度牌未更新',
        deadline: '2030-12-31',
      },
    });
    expect(raised.ok(), await raised.text()).toBe(true);
    await expect
      .poll(() => shown(screen, 'bs-kpi-problemsOpen-value'), { timeout: 15_000 })
      .toBe(String(before.dashboard.kpis.problemsOpen + 1));
    expect(await screen.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

    // A new link replaces this one: the open screen, without a reload, says its link is no longer valid.
    const replaced = await admin.request.post(`${server.url}/api/dashboard/screen-link`, {
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(replaced.ok(), await replaced.text()).toBe(true);
    await visible(screen.getByTestId('bigscreen-invalid'));
    await visible(screen.getByText('大屏链接无效或已被重新生成，请向管理员索取新的链接'));
    expect(await screen.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

    // A link that is not valid says so.
    await screen.goto(`${server.url}/bigscreen/${'x'.repeat(32)}`);
    await visible(screen.getByTestId('bigscreen-invalid'));
    await screenContext.close();
  });
});
