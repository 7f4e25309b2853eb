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

interface CadreResults {
  rows: { cadre: { name: string; kind: string }; meanScore: number | null; rank: number | null }[];
}

describe('联村干部 in a real browser: a street keeps its cadres on a phone, the district reads their assessment', () => {
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

  it('龙兴街道 adds a 驻村干部 for two villages on a phone; leaving the villages out is refused first', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'street');
    await page.goto(`${server.url}/cadres`);
    await visible(page.getByTestId('cadre-王海涛'));
    await visible(page.getByTestId('cadre-王海涛').getByText('孙庄村'));
    // Only its own street's cadres.
    expect(await page.getByTestId('cadre-刘建国').count()).toBe(0);
    await settle(page);
    await shoot(page, 'cadres-roster-phone');

    await page.getByRole('button', { name: '新增干部' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('钱进');
    await dialog.getByLabel('职务').fill('驻村第一书记（区卫健委）');
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(dialog.getByText('请至少选择一个联系的村（社区）'));
    await dialog.getByLabel('联系的村（社区）').click();
    await page.locator('.ant-select-item-option', { hasText: '张庄村' }).click();
    await page.locator('.ant-select-item-option', { hasText: '大营村' }).click();
    await dialog.getByLabel('姓名').click();
    await shoot(page, 'cadres-add-phone');
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText('已保存'));
    const card = page.getByTestId('cadre-钱进');
    await visible(card.getByText('大营村'));
    await visible(card.getByText('驻村干部'));
    await context.close();
  });

  it('the district sees every street’s cadres, marks one as left, and reads the assessment with a chart and an export', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/cadres`);
    await visible(page.getByTestId('cadre-刘建国'));
    await visible(page.getByTestId('cadre-马晓东'));
    await settle(page);
    await shoot(page, 'cadres-roster-desktop');

    await page.getByTestId('cadre-高峰').getByRole('button', { name: '离任' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '离任' }).click();
    await page.getByTestId('cadre-高峰').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByLabel('显示已离任').click();
    await visible(page.getByTestId('cadre-高峰').getByText('已离任'));

    await page.getByRole('tab', { name: '考核结果' }).click();
    await visible(page.getByTestId('cadre-chart'));
    const results = await json<CadreResults>(page, `${server.url}/api/campaigns/WX2023/results/cadres`);
    const top = results.rows[0];
    if (!top || top.meanScore === null) throw new Error('no assessed cadre');
    expect(top.rank).toBe(1);
    // The table shows the same mean score, to 2 decimals, as the API.
    await visible(
      page.getByRole('row', { name: new RegExp(top.cadre.name) }).getByText(top.meanScore.toFixed(2)),
    );
    expect(results.rows.map((r) => r.cadre.name)).not.toContain('高峰');
    const excel = page.getByRole('link', { name: /导出干部考核 Excel/ });
    expect(await excel.getAttribute('href')).toContain('/results/cadres/export');
    await settle(page);
    await shoot(page, 'cadres-results-desktop');

    // A quarter: no stars, ranks of that quarter.
    await page.getByText('季度', { exact: true }).click();
    await visible(page.getByRole('combobox', { name: '选择期间' }));

    // In English the page fetches its own messages and reads in English.
    await page
      .getByRole('button', { name: /EN|切换为英文界面/ })
      .first()
      .click();
    await visible(page.getByRole('tab', { name: 'Assessment' }));
    await visible(page.getByRole('columnheader', { name: 'Mean score' }));
    await visible(page.getByRole('link', { name: /Export cadre assessment/ }));
    await context.close();
  });
});
