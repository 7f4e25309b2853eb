import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../packages/cli/test/serverProcess';
import {
  DESKTOP,
  launchBrowser,
  loginAs,
  newContext,
  PHONE,
  shoot,
  startDemoServer,
  visible,
} from './support';

interface RankingRow {
  unitCode: string;
  unitName: string;
  display: string;
  rank: number;
}

describe('five-star campaign in a real browser: rankings, profile, score entry', () => {
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

  it('the district admin sees the quarterly ranking exactly as the API computes it, and a unit profile with charts', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/rankings?period=2023-Q1`);
    await visible(page.getByText('季度排名').first());
    const api = (await (
      await page.request.get(`${server.url}/api/campaigns/WX2023/ranking?period=2023-Q1`)
    ).json()) as {
      rows: RankingRow[];
    };
    expect(api.rows.length).toBe(20);
    for (const row of api.rows.slice(0, 3)) {
      await visible(page.getByText(row.unitName, { exact: true }).first());
      await visible(page.getByText(row.display, { exact: true }).first());
    }
    await shoot(page, 'ranking-quarter-desktop');

    const top = api.rows[0] as RankingRow;
    await page.goto(`${server.url}/profile/${top.unitCode}`);
    await visible(page.getByText(top.unitName).first());
    await page.locator('canvas').first().waitFor({ state: 'visible', timeout: 15_000 });
    await shoot(page, 'profile-desktop');
    await context.close();
  });

  it('an inspector enters a score on a phone and the ledger has it, attributed to the inspector', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'inspector');
    await page.goto(`${server.url}/scores?unit=LX-LX&month=2023-12`);
    // 日常任务 items are scored by the tasks' reviews: no input there, a pointer to the tasks instead.
    await visible(page.getByText('由日常任务评阅计分，不在此录入。').first());
    expect(await page.getByLabel(/2023年12月日常任务得分/).count()).toBe(0);
    const input = page.getByLabel(/2023年12月督导观摩得分/).first();
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('70');
    await page
      .getByRole('button', { name: /提\s*交/ })
      .first()
      .click();
    await visible(page.getByText(/已保存“2023年12月督导观摩”/).first());
    await shoot(page, 'score-entry-phone');
    const entries = (await (
      await page.request.get(`${server.url}/api/campaigns/WX2023/units/LX-LX/items/DD-ZB-12/entries`)
    ).json()) as { entries: { points: number; enteredByName: string; current: boolean }[] };
    expect(entries.entries.find((e) => e.current && e.enteredByName === '督导组 李强')?.points).toBe(70);
    await context.close();
  });

  it('a village user sees its own rank and profile on a phone, and no other village', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'village');
    await page.goto(`${server.url}/rankings?period=2023-Q1`);
    await visible(page.getByText('何庄村').first());
    expect(await page.getByText('河湾村').count()).toBe(0);
    await shoot(page, 'ranking-village-phone');
    await page.goto(`${server.url}/profile`);
    await visible(page.getByText('何庄村').first());
    await shoot(page, 'profile-village-phone');
    await context.close();
  });

  it('a street admin approves a village declaration after months are locked, giving the correction reason', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'street');
    await page.goto(`${server.url}/targets`);
    await visible(page.getByText('孙庄村').first());
    await page
      .getByRole('button', { name: /通\s*过/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText(/已有月份锁定/));
    await dialog.getByRole('textbox').fill('经街道核实，年中补报产业兴旺星');
    await page.waitForTimeout(500); // let the dialog's opening animation finish before the screenshot
    await shoot(page, 'targets-approve-correction-desktop');
    await dialog.getByRole('button', { name: /通\s*过/ }).click();
    await visible(page.getByText('已通过“孙庄村”的创建目标').first());
    const after = (await (
      await page.request.get(`${server.url}/api/campaigns/WX2023/targets/LX-SZ`)
    ).json()) as {
      status: string;
      note: string | null;
    };
    expect(after).toMatchObject({ status: 'approved', note: '经街道核实，年中补报产业兴旺星' });
    await context.close();
  });
});
