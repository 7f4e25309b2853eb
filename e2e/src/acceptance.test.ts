import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpLogin, type ServerProcess } from '../../packages/cli/test/serverProcess';
import type {
  RoundDetailView,
  RoundSummaryView,
  SheetView,
} from '../../packages/server/src/contracts/supervision';
import {
  DESKTOP,
  launchBrowser,
  loginAs,
  newContext,
  PHONE,
  SCREENSHOTS,
  shoot,
  startDemoServer,
  visible,
} from './support';

/**
 * 年度验收 in a real browser: a member of the demo acceptance team (ys-1) opens the closed round YS-2023 on a
 * phone and reads their own sheet for 何庄村 — the per-star totals on the page are the ones in the ledger —
 * and the district admin sees the round labelled as an annual acceptance and the round form's acceptance
 * defaults. Screenshots go to e2e/screenshots/acceptance-*.png.
 */

const UNIT = 'RML-HZ';

async function json<T>(r: Response): Promise<T> {
  if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** A full-page shot from the top once toasts are gone. */
async function shootTop(page: Page, name: string): Promise<void> {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await shoot(page, name);
}

describe('annual acceptance (年度验收) in a real browser', () => {
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

  it('an acceptance-team member reads their submitted sheet of the closed round YS-2023 on a phone', async () => {
    const ys1 = await httpLogin(server.url, 'ys-1', 'wuxing2023');
    const admin = await httpLogin(server.url, 'admin', 'wuxing2023');
    const { rounds } = await json<{ rounds: RoundSummaryView[] }>(await ys1.get('/api/rounds'));
    const round = rounds.find((r) => r.number === 'YS-2023') as RoundSummaryView;
    expect(round).toMatchObject({ kind: 'acceptance', status: 'closed', mine: { done: 20, total: 20 } });
    const sheet = await json<SheetView>(await ys1.get(`/api/rounds/${round.id}/units/${UNIT}/sheet`));
    const mine = sheet.mine;
    if (!mine) throw new Error('ys-1 has no sheet at 何庄村');
    const pointsOf = new Map(mine.lines.map((l) => [l.lineId, l.points]));
    const totals = sheet.stars.map((s) => ({
      star: s,
      got: s.lines.reduce((n, l) => n + (pointsOf.get(l.id) ?? 0), 0),
      max: s.lines.reduce((n, l) => n + l.max, 0),
    }));
    // Each star's total is ys-1's entry on the star's 年度考核 item.
    for (const { star, got } of totals) {
      const entries = await json<{ entries: { points: number; enteredByName: string; current: boolean }[] }>(
        await admin.get(`/api/campaigns/WX2023/units/${UNIT}/items/${star.itemCode}/entries`),
      );
      const own = entries.entries.filter((e) => e.current && e.enteredByName === '验收组 张建国');
      expect(own.map((e) => e.points)).toEqual([got]);
    }

    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'ys-1');
    // 现场评分 from the menu, as a person would.
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menuitem', { name: '现场评分' }).click();
    await page.waitForURL('**/inspections');
    await visible(page.getByText('当前没有分配给您的进行中轮次'));
    const closed = page.getByTestId('closed-rounds');
    await visible(closed.getByText('已结束的轮次（1）'));
    await visible(closed.getByText('2023年度五星支部创建验收'));
    await visible(closed.getByText('年度验收', { exact: true }));
    await visible(closed.getByText('计入 2023 年度考核'));
    await visible(closed.getByTestId('progress-YS-2023').getByText('我的进度 20/20'));
    const card = page.getByTestId(`unit-YS-2023-${UNIT}`);
    await visible(card.getByText('已提交 v1'));
    await shootTop(page, 'acceptance-round-phone');

    await card.click();
    await page.waitForURL(`**/inspections/${round.id}/${UNIT}`);
    await visible(page.getByText('已提交，修改须填写更正原因'));
    await visible(page.getByText('年度验收', { exact: true }));
    await visible(page.getByText('计入 2023 年度考核'));
    await visible(page.getByText('本村已有 5 名验收组成员提交评分'));
    await visible(page.getByTestId('round-closed'));
    await visible(page.getByText('评分表：年度验收评分表'));
    // Read-only: no score inputs, no submit button; every star's subtotal is the ledger's entry.
    expect(await page.getByRole('spinbutton').count()).toBe(0);
    expect(await page.getByRole('button', { name: '提交评分' }).count()).toBe(0);
    for (const { star, got, max } of totals) {
      await visible(page.getByText(star.starName, { exact: true }).first());
      await visible(page.getByText(`小计 ${got}/${max} · 计入 ${got.toFixed(1)}/100 分`));
    }
    for (const line of sheet.stars[0]?.lines ?? []) await visible(page.getByText(line.name).first());
    await shootTop(page, 'acceptance-sheet-phone');
    await context.close();
  });

  it('the district admin sees YS-2023 as an annual acceptance and gets the acceptance defaults in the round form', async () => {
    const admin = await httpLogin(server.url, 'admin', 'wuxing2023');
    const { rounds } = await json<{ rounds: RoundSummaryView[] }>(
      await admin.get('/api/rounds?campaign=WX2023'),
    );
    const round = rounds.find((r) => r.number === 'YS-2023') as RoundSummaryView;
    const detail = await json<RoundDetailView>(await admin.get(`/api/rounds/${round.id}`));
    expect(detail.units).toHaveLength(20);

    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/supervision`);
    const row = page.locator('tr', { hasText: 'YS-2023' });
    await visible(row.getByText('年度验收', { exact: true }));
    await visible(row.getByText('2023年度五星支部创建验收'));
    await row.getByText('2023年度五星支部创建验收').click();
    await page.waitForURL(`**/supervision/rounds/${round.id}`);
    await visible(page.getByText('验收进度：已验收 20/20 个单位'));
    await visible(page.locator('th', { hasText: '验收组成员' }));
    const hz = page.locator('tr', { hasText: '何庄村' });
    for (const name of ['验收组 张建国', '验收组 王秀兰', '验收组 赵志刚', '验收组 周慧敏', '验收组 吴德明'])
      await visible(hz.getByText(name));
    await visible(page.getByText(/年度验收评分表/).first());
    await shootTop(page, 'acceptance-round-desktop');

    // The round form: 年度验收 fixes December, an ND sheet and scoring; a second one for 2023 is refused.
    await page.goto(`${server.url}/supervision`);
    await page.getByRole('button', { name: /新建轮次/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('年度验收', { exact: true }).click();
    await visible(dialog.getByText('年度验收在考评年度的12月进行，各星总分填入该星的年度考核指标'));
    await expect.poll(() => dialog.getByLabel('名称').inputValue()).toBe('2023年度五星支部创建验收');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'acceptance-create-round.png') });
    await visible(dialog.getByTitle('2023-12', { exact: true }));
    await visible(dialog.getByTitle('年度验收评分表', { exact: true }));
    expect(await dialog.getByRole('switch').isChecked()).toBe(true);
    expect(await dialog.getByRole('switch').isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: '创建' }).click();
    await visible(dialog.getByText(/已有计分轮次 YS-2023/));
    await context.close();

    // The round's page on a phone, as the admin checks it in the field.
    const phone = await newContext(browser, PHONE);
    const small = await phone.newPage();
    await loginAs(small, server.url, 'admin');
    await small.goto(`${server.url}/supervision/rounds/${round.id}`);
    await visible(small.getByText('验收进度：已验收 20/20 个单位'));
    await shootTop(small, 'acceptance-round-admin-phone');
    await phone.close();
  });
});
