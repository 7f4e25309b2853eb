import { mkdirSync } from 'node:fs';
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
  PHONE,
  SCREENSHOTS,
  settle,
  shoot,
  startDemoServer,
  visible,
} from './support';

interface Award {
  id: string;
  unitCode: string;
  unitName: string;
  title: string;
  status: string;
  starName: string;
}

interface RatingRow {
  unitCode: string;
  unitName: string;
  stars: { star: string; starName: string; earned: boolean }[];
  vetoes: { star: string }[];
}

/** Proposes an award at 何庄村's first star through the dialog. */
async function propose(page: Page, title: string, points: string): Promise<void> {
  await page.getByRole('button', { name: '新增夺旗' }).click();
  const dialog = page.getByRole('dialog');
  await visible(dialog.getByText('新增夺旗争先加分'));
  await dialog.getByLabel('单位').fill('何庄');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('荣誉名称').fill(title);
  await dialog.getByLabel('加分', { exact: true }).fill(points);
  await dialog.getByLabel('加分理由').fill(`${title}：全区党建观摩评比第一名`);
  await dialog.getByRole('button', { name: '提交审批' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Approves the award in the row with this title, through the confirmation. */
async function approve(page: Page, title: string): Promise<void> {
  const row = page.locator('tr', { hasText: title }).first();
  await visible(row.getByText('待审批'));
  await row.getByRole('button', { name: '通过' }).click();
  const confirm = page.locator('.ant-modal-confirm');
  // Click once the dialog has finished opening, as a person would (once on CI the dialog stayed open after a click made while it was still zooming in).
  await expect.poll(() => confirm.getAttribute('class')).not.toMatch(/ant-zoom-appear/);
  await confirm.getByRole('button', { name: '通过' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await visible(row.getByText('已通过'));
}

describe('flag awards and star ratings in a real browser', () => {
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

  it('approves a flag award, vetoes a star, confirms the ratings and prints the certificate list', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'admin');
    const flagsUrl = `${server.url}/api/campaigns/WX2023/flags`;

    // A pending award: the demo's, or one proposed here through the dialog.
    let pending = (await json<{ rows: Award[] }>(page, `${flagsUrl}?status=pending`)).rows[0];
    await page.goto(`${server.url}/flags`);
    await visible(page.getByRole('heading', { name: '夺旗争先' }).first());
    if (!pending) {
      await propose(page, '11月流动红旗', '3');
      pending = (await json<{ rows: Award[] }>(page, `${flagsUrl}?status=pending`)).rows[0];
    }
    expect(pending).toBeDefined();
    const award = pending as Award;
    await approve(page, award.title);
    const row = page.locator('tr', { hasText: award.title }).first();
    await visible(row.getByTestId('cap-indicator'));
    const after = (await json<{ rows: Award[] }>(page, flagsUrl)).rows.find((a) => a.id === award.id);
    expect(after?.status).toBe('approved');

    // One more at the same unit and star goes over the 10-point cap: the excess is shown as not counting.
    await propose(page, '12月流动红旗', '10');
    await approve(page, '12月流动红旗');
    const panel = page.getByTestId('cap-panel');
    await visible(panel.getByText(/已达上限 10\/10 分/).first());
    await visible(page.locator('tr', { hasText: '12月流动红旗' }).getByText(/已达上限/));

    // A third is rejected with a note.
    await propose(page, '擂台赛二等奖', '2');
    const third = page.locator('tr', { hasText: '擂台赛二等奖' }).first();
    await visible(third.getByRole('button', { name: '通过' }));
    await settle(page);
    await shoot(page, 'flags-pending-desktop');
    await third.getByRole('button', { name: '驳回' }).click();
    const reject = page.getByRole('dialog');
    await reject.getByRole('button', { name: '驳回', exact: true }).click();
    await visible(reject.getByText('驳回时请填写审核意见'));
    await reject.getByRole('textbox').fill('佐证材料不足');
    await reject.getByRole('button', { name: '驳回', exact: true }).click();
    await visible(third.getByText('已驳回'));
    await visible(third.getByText('审核意见：佐证材料不足'));
    await settle(page);
    await page.waitForTimeout(300);
    await shoot(page, 'flags-desktop');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(400);
    await shoot(page, 'flags-phone');
    await page.setViewportSize(DESKTOP);

    // A veto on an earned star of a rated unit: the star turns unearned, with the reason.
    const list = await json<{ rows: RatingRow[] }>(page, `${server.url}/api/campaigns/WX2023/star-ratings`);
    const target = list.rows.find((r) => r.vetoes.length === 0 && r.stars.some((s) => s.earned)) as RatingRow;
    expect(target).toBeDefined();
    const star = [...target.stars].reverse().find((s) => s.earned) as RatingRow['stars'][number];
    await page.goto(`${server.url}/ratings`);
    await visible(page.getByTestId('confirmation-state').getByText('评定结果未确认').first());
    const cell = page.getByTestId(`star-${target.unitCode}-${star.star}`);
    await expect.poll(() => cell.getAttribute('data-earned')).toBe('true');
    await page.getByRole('button', { name: '记录一票否决' }).click();
    const veto = page.getByRole('dialog');
    await veto.getByLabel('单位').fill(target.unitName);
    // Choose the unit from its option once the search has found it (Enter before that could choose none).
    await page.locator('.ant-select-dropdown:visible').getByText(target.unitName).first().click();
    await veto.getByLabel('星', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByText(star.starName, { exact: true }).click();
    const reason = '发生安全生产责任事故';
    await veto.getByLabel('否决原因').fill(reason);
    await veto.getByLabel('证据说明').fill('区应急管理局通报〔2023〕12号');
    await veto.getByRole('button', { name: '确认否决' }).click();
    await visible(page.getByText(`已对${target.unitName}的${star.starName}记录一票否决`).first());
    await expect.poll(() => cell.getAttribute('data-earned')).toBe('false');
    const unitRow = page.locator('tr', { hasText: target.unitName }).first();
    await visible(unitRow.getByTestId('veto-tag'));
    await visible(unitRow.getByText(reason).first());

    // Confirm: version 1.
    await page.getByRole('button', { name: '确认评定结果' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认', exact: true }).click();
    await visible(page.getByText('已确认第 1 版评定结果').first());
    await visible(page.getByTestId('confirmation-state').getByText(/已确认第 1 版/));
    await settle(page);
    await shoot(page, 'ratings-desktop');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(400);
    await shoot(page, 'ratings-phone');
    await page.setViewportSize(DESKTOP);

    // The certificate list: preview, then as printed.
    // Revoking the veto: the computation now differs from version 1, and the page says which unit changed.
    await unitRow.getByRole('button', { name: '撤销' }).click();
    const revoke = page.getByRole('dialog');
    await revoke.getByRole('textbox').fill('经复核，事故责任不在该单位');
    await revoke.getByRole('button', { name: '撤销', exact: true }).click();
    await visible(page.getByText('已撤销一票否决').first());
    await expect.poll(() => cell.getAttribute('data-earned')).toBe('true');
    await visible(page.getByText(/当前计算结果与第 1 版不同/));
    await visible(page.getByText(new RegExp(`${target.unitName}：确认时`)));

    // Version 1 stays as confirmed: the veto is still there.
    await page.getByRole('combobox', { name: '评定版本' }).click();
    await page.locator('.ant-select-dropdown:visible').getByText('已确认第 1 版').click();
    await visible(page.getByText(/正在查看第 1 版/));
    await expect.poll(() => cell.getAttribute('data-earned')).toBe('false');
    await page.getByRole('button', { name: '返回当前结果' }).click();

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.getByRole('button', { name: '打印证书名单' }).click();
    await visible(page.getByRole('dialog').getByText('2023年度五星支部评定结果名单'));
    await page.waitForTimeout(400);
    // The dialog sits over the page: a viewport shot shows it as seen.
    await page.screenshot({ path: join(SCREENSHOTS, 'certificates-preview-desktop.png') });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENSHOTS, 'certificates-preview-phone.png') });
    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ media: 'print' });
    await shoot(page, 'certificates-print');
    await page.pdf({ path: join(SCREENSHOTS, 'certificates.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });
});
