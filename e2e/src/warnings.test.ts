import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../packages/cli/test/serverProcess';
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

interface WarningRow {
  id: string;
  period: string;
  unitCode: string;
  unitName: string;
  level: string;
  talkStatus: string;
}

describe('预警 in a real browser: the demo quarter’s warnings, an evaluation preview, a talk from a phone', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the district admin reads the latest quarter with its figures, the overdue talk stands out, evaluates with a preview', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'admin');
    await page.getByRole('menuitem', { name: /预警管理/ }).click();
    await page.waitForURL('**/warnings');
    const table = page.getByTestId('warning-table');
    await visible(table.getByText('龙山村').first());
    // 2023-Q4 by default: 大营村, 龙兴村 (3 overdue problems), 石门村, 龙山村 (red, talk overdue).
    const rows = table.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(4);
    await expect.poll(() => table.getByText('季末逾期问题 3 个').count()).toBe(2);
    const overdue = table.locator('tr.wx-warning-overdue');
    await expect.poll(() => overdue.count()).toBe(1);
    await visible(overdue.getByText('龙山村'));
    await visible(overdue.getByText(/谈话逾期\d+天/));
    await visible(overdue.getByText('红色预警'));
    await visible(overdue.getByText(/计划完成率 49\.\d\d%/));
    await visible(page.getByTestId('street-chart').locator('canvas'));
    await visible(page.getByText(/并列名次按显示名次计/));
    await settle(page);
    await shoot(page, 'warnings-list-desktop');

    await page.getByRole('button', { name: '评估预警' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText(/参与排名 20 个单位/));
    await visible(dialog.getByText('新增 0 · 数据更新 0 · 维持 4 · 解除 0'));
    await settle(page);
    await shoot(page, 'warnings-evaluate-preview');
    await dialog.getByRole('button', { name: '确认评估' }).click();
    await visible(page.getByText(/已评估 2023年第4季度：新增 0，解除 0/));
    await visible(page.getByText(/2023年第4季度 第2次/));
    await context.close();
  });

  it('the street admin on a phone sees its villages and records a talk; the village sees only its own', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'street');
    await page.goto(`${server.url}/warnings`);
    const cards = page.getByTestId('warning-cards');
    await visible(cards.getByText('龙兴村'));
    await visible(cards.getByText('大营村'));
    await expect.poll(() => cards.locator('.wx-warning-card').count()).toBe(2);
    await settle(page);
    await shoot(page, 'warnings-list-phone');

    const list = await json<{ rows: WarningRow[] }>(
      page,
      `${server.url}/api/campaigns/WX2023/warnings?period=2023-Q4`,
    );
    const lx = list.rows.find((r) => r.unitCode === 'LX-LX');
    expect(lx).toBeTruthy();
    await cards
      .locator('.wx-warning-card', { hasText: '龙兴村' })
      .getByRole('link', { name: '查看' })
      .click();
    await page.waitForURL(`**/warnings/${lx?.id}**`);
    const form = page.getByTestId('talk-form');
    await visible(form);
    await expect.poll(() => page.getByTestId('talk-record').count()).toBe(1);
    // A second warning in a row: this time a 约谈 — the form's labels follow the kind.
    await form.getByText('约谈', { exact: true }).click();
    await form.getByLabel('约谈人').fill('龙兴街道党工委书记 王立新');
    await form.getByLabel('约谈对象').fill('龙兴村党支部书记 李建军');
    await form
      .getByLabel('约谈内容及整改要求')
      .fill('逾期的3个问题本月内整改销号，每周向街道报送进度；下季度排名前移。');
    await settle(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'warnings-talk-form-phone');
    await form.getByRole('button', { name: '保存记录' }).click();
    await visible(page.getByText('记录已保存'));
    await expect.poll(() => page.getByTestId('talk-record').count()).toBe(2);
    const summons = page.getByTestId('talk-record').filter({ hasText: '李建军' });
    await visible(summons.getByText('龙兴街道党工委书记 王立新 约谈 龙兴村党支部书记 李建军'));
    await visible(summons.locator('.ant-tag', { hasText: '约谈' }));
    const detail = await json<{ talks: { kind: string; talkee: string }[] }>(
      page,
      `${server.url}/api/campaigns/WX2023/warnings/${lx?.id}`,
    );
    expect(detail.talks.find((k) => k.talkee === '龙兴村党支部书记 李建军')?.kind).toBe('summons');
    // A later step is not marked late: the due day is the first talk's.
    expect(await summons.getByText('逾期补记').count()).toBe(0);
    await settle(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'warnings-summons-phone');
    await context.close();

    const villageContext = await newContext(browser, PHONE);
    const village = await villageContext.newPage();
    await loginAs(village, server.url, 'village');
    await village.goto(`${server.url}/warnings`);
    await visible(village.getByText('本村暂无预警'));
    const own = await json<{ rows: WarningRow[] }>(village, `${server.url}/api/campaigns/WX2023/warnings`);
    expect(own.rows).toEqual([]);
    const refused = await village.request.get(`${server.url}/api/campaigns/WX2023/warnings/${lx?.id}`);
    expect(refused.status()).toBe(403);
    await villageContext.close();
  });
});
