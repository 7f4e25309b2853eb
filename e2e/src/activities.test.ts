import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../packages/cli/test/serverProcess';
import {
  DESKTOP,
  json,
  launchBrowser,
  loginAs,
  newContext,
  PHONE,
  SCREENSHOTS,
  settle,
  shoot,
  startDemoServer,
  visible,
} from './support';

const COUNT_KEYS = ['staff', 'banners', 'desks', 'boards', 'leaflets', 'consultations'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Totals = Record<'activities' | (typeof COUNT_KEYS)[number], number>;
interface ActivityList {
  rows: { title: string; street: { code: string } | null }[];
  totals: Totals;
  byStreet: { code: string; name: string; totals: Totals }[];
}

/** The number a statistic card shows (thousands separators dropped). */
async function cardValue(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`total-${key}`).locator('.ant-statistic-content-value').textContent();
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

/** Waits until a statistic card shows the value. */
async function cardShows(page: Page, key: string, value: number): Promise<void> {
  await visible(
    page.getByTestId(`total-${key}`).locator('.ant-statistic-content-value', {
      hasText: new RegExp(`^${value.toLocaleString('en-US')}$`),
    }),
  );
}

/** How many pixels of a chart's canvas are drawn on (not transparent). */
function drawnPixels(page: Page, testId: string): Promise<number> {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let drawn = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) drawn++;
      return drawn;
    });
}

describe('宣传活动 in a real browser: a village records an event on a phone, the district reads the statistics', () => {
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

  it('何庄村 records an event with its counts on a phone; leaving out the place is refused under 地点 first', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'village');
    await page.goto(`${server.url}/activities`);
    // The campaign year, 2023: the village's own two events, as cards.
    await visible(page.getByTestId('activity-何庄村民法典宣传进万家'));
    await visible(page.getByTestId('activity-防范电信网络诈骗宣讲').getByText('何庄村党群服务中心'));
    const before = await json<ActivityList>(page, `${server.url}/api/activities?period=2023`);
    expect(before.rows.map((r) => r.title).sort()).toEqual([
      '何庄村民法典宣传进万家',
      '防范电信网络诈骗宣讲',
    ]);
    await cardShows(page, 'activities', before.totals.activities);
    // One unit, no streets: no street filter and no street chart.
    expect(await page.getByRole('combobox', { name: '街道' }).count()).toBe(0);
    expect(await page.getByTestId('activity-street').count()).toBe(0);
    await settle(page);
    await shoot(page, 'activities-list-phone');

    await page.getByRole('button', { name: '登记活动' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('登记宣传活动'));
    // Its only unit is chosen already.
    await visible(dialog.locator('.ant-select-content', { hasText: '何庄村' }));
    await dialog.getByLabel('活动名称').fill('何庄村防汛安全知识宣传');
    await dialog.getByLabel('主题').fill('安全生产');
    // The date: the calendar opens in the year shown (2023); a month, then the day.
    await dialog.getByLabel('日期').click();
    await page.locator('.ant-picker-dropdown .ant-picker-month-btn').click();
    await page.locator('.ant-picker-dropdown td[title="2023-07"]').click();
    await page.locator('.ant-picker-dropdown td[title="2023-07-08"]').click();
    await dialog.getByLabel('出动工作人员（人次）').fill('6');
    await dialog.getByLabel('悬挂横幅（条）').fill('3');
    await dialog.getByLabel('发放宣传资料（份）').fill('450');
    await dialog.getByLabel('接受咨询（人次）').fill('80');
    await dialog.getByRole('button', { name: '保存' }).click();
    // Refused under the place, the field it names; nothing recorded.
    await visible(dialog.locator('#activity_place_help').getByText('请填写活动地点'));
    await shoot(page, 'activities-form-phone');

    await dialog.getByLabel('地点').fill('何庄村村委会广场');
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText('已登记“何庄村防汛安全知识宣传”'));
    const card = page.getByTestId('activity-何庄村防汛安全知识宣传');
    await visible(card.getByText('何庄村村委会广场'));
    await visible(card.getByText('2023-07-08'));
    // The totals went up by the event and its counts, on the page as in the API.
    await cardShows(page, 'activities', before.totals.activities + 1);
    await cardShows(page, 'staff', before.totals.staff + 6);
    await cardShows(page, 'leaflets', before.totals.leaflets + 450);
    const after = await json<ActivityList>(page, `${server.url}/api/activities?period=2023`);
    expect(after.totals).toEqual({
      ...before.totals,
      activities: before.totals.activities + 1,
      staff: before.totals.staff + 6,
      banners: before.totals.banners + 3,
      leaflets: before.totals.leaflets + 450,
      consultations: before.totals.consultations + 80,
    });
    await settle(page);
    await shoot(page, 'activities-added-phone');
    await context.close();
  });

  it('the district reads 2023 (cards equal the API, the month chart drawn), filters to 龙兴街道, deletes with a reason, reads English', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'admin');
    await page.getByRole('menuitem', { name: '宣传活动' }).click();
    await page.waitForURL(/\/activities/);
    await visible(page.getByTestId('activity-全民国家安全教育日集中宣传活动'));

    const year = await json<ActivityList>(page, `${server.url}/api/activities?period=2023`);
    for (const key of ['activities', ...COUNT_KEYS] as const)
      expect(await cardValue(page, key), key).toBe(year.totals[key]);
    // The seed's 4月15日 event, as it reported it.
    const row = page.getByTestId('activity-全民国家安全教育日集中宣传活动');
    await visible(row.getByText('2023-04-15'));
    await visible(row.getByText('城区人民路中段路两侧'));
    await visible(row.getByRole('cell', { name: '3,000', exact: true }));
    // Its partners and summary open under the row.
    await row.getByText('参与单位和简介').click();
    await visible(page.getByText(/参与单位：区国家安全委员会办公室/));
    await row.getByText('收起').click();

    // The month chart is drawn (its canvas is not blank), and so is the street chart.
    await visible(page.getByTestId('activity-month-chart').locator('canvas'));
    await expect
      .poll(() => drawnPixels(page, 'activity-month-chart'), { timeout: 15_000 })
      .toBeGreaterThan(2000);
    await expect
      .poll(() => drawnPixels(page, 'activity-street-chart'), { timeout: 15_000 })
      .toBeGreaterThan(2000);
    // The month chart's table: April's three events.
    const monthCard = page.getByTestId('activity-month');
    await monthCard.getByText('表格', { exact: true }).click();
    await visible(monthCard.getByRole('row', { name: /2023年4月\s+3\b/ }));
    await monthCard.getByText('图表', { exact: true }).click();
    await visible(page.getByTestId('activity-month-chart').locator('canvas'));

    // The Chinese page has no English words left (the Excel button names the file format).
    // biome-ignore lint/performance/useDomNodeTextContent: what the user sees is wanted, not hidden text
    const text = await page.locator('main').innerText();
    expect(text.replace(/Excel/g, '').match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
    const excel = page.getByRole('link', { name: /导出 Excel/ });
    expect(await excel.getAttribute('href')).toBe('/api/activities/export?period=2023&format=xlsx');
    await settle(page);
    await shoot(page, 'activities-desktop');

    // 龙兴街道 only: its events, its totals, and the export of the same.
    await page.getByRole('combobox', { name: '街道' }).click();
    await page.locator('.ant-select-item-option', { hasText: '龙兴街道' }).click();
    await page.waitForURL(/street=LX/);
    const lx = year.byStreet.find((g) => g.code === 'LX');
    if (!lx) throw new Error('no 龙兴街道 group');
    await cardShows(page, 'activities', lx.totals.activities);
    await visible(page.getByTestId('activity-民族团结进步宣传月集中宣传'));
    expect(await page.getByTestId('activity-全民国家安全教育日集中宣传活动').count()).toBe(0);
    expect(await excel.getAttribute('href')).toBe('/api/activities/export?period=2023&street=LX&format=xlsx');

    // Deleting asks for a reason; one character is refused by the server, under the reason.
    const target = page.getByTestId('activity-孙庄村移风易俗倡议宣传');
    await target.getByRole('button', { name: '删除' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('删除原因').fill('重');
    await dialog.getByRole('button', { name: '删除' }).click();
    await visible(dialog.locator('#delete_reason_help').getByText('请填写删除原因（至少2个字）'));
    await dialog.getByLabel('删除原因').fill('与街道登记的记录重复');
    await dialog.getByRole('button', { name: '删除' }).click();
    await visible(page.getByText('已删除'));
    await target.waitFor({ state: 'detached', timeout: 15_000 });
    await cardShows(page, 'activities', lx.totals.activities - 1);
    const lxAfter = await json<ActivityList>(page, `${server.url}/api/activities?period=2023&street=LX`);
    expect(lxAfter.totals.activities).toBe(lx.totals.activities - 1);
    expect(lxAfter.rows.map((r) => r.title)).not.toContain('孙庄村移风易俗倡议宣传');

    // In English the page fetches its own messages and reads in English.
    await page
      .getByRole('button', { name: /EN|切换为英文界面/ })
      .first()
      .click();
    await visible(page.getByRole('heading', { name: 'Outreach' }));
    await visible(page.getByTestId('total-staff').getByText('Staff'));
    await visible(page.getByRole('columnheader', { name: 'Held by' }));
    await visible(page.getByRole('button', { name: 'Record event' }));
    await visible(page.getByRole('link', { name: /Export Excel/ }));
    await context.close();
  });

  it('龙兴街道 imports from Excel: the template downloads, a row for another street is refused where it is, the good row lands', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'street');
    await page.goto(`${server.url}/activities`);
    await page.getByRole('button', { name: /导入 Excel/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '导入宣传活动' });
    await visible(dialog.getByText('支持 .xlsx、.csv、.json，单个文件不超过 50MB'));
    await page.screenshot({ path: join(SCREENSHOTS, 'activities-import.png') });

    // The template: its file name, the 宣传活动 headers, and 大营村 among the units the street may record for.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('link', { name: /下载导入模板/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('宣传活动导入模板.xlsx');
    const template = readFileSync(await download.path());
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(template as unknown as ArrayBuffer);
    const headers = read.getWorksheet('宣传活动')?.getRow(1).values;
    expect(Array.isArray(headers) ? headers.slice(1, 4) : []).toEqual(['单位编码', '活动名称', '主题']);
    const units: string[] = [];
    read.getWorksheet('可登记单位')?.eachRow((row) => units.push(String(row.getCell(1).value)));
    expect(units).toContain('LX-DY');
    expect(units).not.toContain('RML-HZ');

    // The rows go into the template's own 宣传活动 sheet, as a user fills it in.
    const good = [
      'LX-DY',
      '大营村反诈宣传进农家',
      '防范电信网络诈骗',
      '2023-06-18',
      '大营村文化广场',
      '',
      '',
      5,
      2,
      1,
      3,
      300,
      45,
    ];
    const workbook = async (rows: (string | number)[][]): Promise<Buffer> => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(template as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('宣传活动');
      for (const r of rows) sheet?.addRow(r);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const upload = async (rows: (string | number)[][]) =>
      dialog
        .locator('input[type=file]')
        .setInputFiles({ name: '宣传活动.xlsx', mimeType: XLSX, buffer: await workbook(rows) });
    const before = await json<ActivityList>(page, `${server.url}/api/activities?period=2023`);

    // 何庄村 is not the street's: refused at row 3, 单位编码, and nothing written (not even the good row).
    await upload([
      good,
      ['RML-HZ', '何庄村普法宣传', '法治宣传', '2023-06-20', '何庄村', '', '', 3, 0, 0, 0, 100, 10],
    ]);
    const errors = dialog.getByTestId('import-errors');
    await visible(errors.getByText('导入失败：发现 1 处错误，未做任何修改'));
    await visible(errors.getByRole('row', { name: /宣传活动\s*3\s*单位编码\s*单位编码 RML-HZ 不存在/ }));
    // The Chinese dialog has no English words (the file formats and the unit's code aside).
    // biome-ignore lint/performance/useDomNodeTextContent: what the user sees is wanted, not hidden text
    const text = await dialog.innerText();
    expect(text.replace(/xlsx|csv|json|RML-HZ/gi, '').match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
    // The viewport, not the full page: the dialog and its mask are fixed to the screen.
    await page.screenshot({ path: join(SCREENSHOTS, 'activities-import-errors.png') });
    const unchanged = await json<ActivityList>(page, `${server.url}/api/activities?period=2023`);
    expect(unchanged.totals).toEqual(before.totals);

    // The good row alone: imported, and the list and the cards show it behind the dialog.
    await dialog.getByRole('button', { name: '重新选择文件' }).click();
    await upload([good]);
    await visible(dialog.getByText('已导入 1 场活动，日期 2023-06-18'));
    await dialog.getByRole('button', { name: '完成' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    const row = page.getByTestId('activity-大营村反诈宣传进农家');
    await visible(row.getByText('大营村文化广场'));
    await visible(row.getByText('2023-06-18'));
    await cardShows(page, 'activities', before.totals.activities + 1);
    await cardShows(page, 'leaflets', before.totals.leaflets + 300);

    // The same file again adds nothing: the event is recorded already.
    await page.getByRole('button', { name: /导入 Excel/ }).click();
    await upload([good]);
    await visible(dialog.getByTestId('import-errors').getByText('该活动已登记过（单位、日期和名称相同）'));
    const after = await json<ActivityList>(page, `${server.url}/api/activities?period=2023`);
    expect(after.totals.activities).toBe(before.totals.activities + 1);
    await context.close();
  });
});
