import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
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
  shoot,
  startDemoServer,
  visible,
} from './support';

interface ProblemRow {
  id: string;
  number: string;
  unitCode: string;
  status: string;
  overdue: boolean;
}

interface Stats {
  total: { notified: number; closed: number };
}

/** A small real JPEG (a red square with a stripe), as a phone camera would hand over. */
async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .composite([
      {
        input: await sharp({
          create: { width: 320, height: 40, channels: 3, background: { r: 250, g: 220, b: 80 } },
        })
          .png()
          .toBuffer(),
        top: 100,
        left: 0,
      },
    ])
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** Adds a photo through the dialog's file input and waits until it is uploaded. */
async function addPhoto(page: Page, jpeg: Buffer, name: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles({ name, mimeType: 'image/jpeg', buffer: jpeg });
  await dialog.locator('.ant-upload-list-item-done').first().waitFor({ state: 'visible', timeout: 15_000 });
}

describe('the problem ledger in a real browser: raise, rectify with a photo, look back, close; notice and statistics', () => {
  let server: ServerProcess;
  let browser: Browser;
  let jpeg: Buffer;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    jpeg = await photo();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a problem goes 待整改 → 已提交整改 → 回头看 → 已销号, and the statistics count it', async () => {
    // The district admin raises a problem at 何庄村 with a photo (the demo village user's own unit).
    const admin = await (await newContext(browser, DESKTOP)).newPage();
    await loginAs(admin, server.url, 'admin');
    const before = await json<Stats>(admin, `${server.url}/api/problems/stats?campaign=WX2023`);
    await admin.goto(`${server.url}/problems`);
    await visible(admin.getByText('问题台账').first());
    await admin.getByRole('button', { name: '登记问题' }).click();
    const raise = admin.getByRole('dialog');
    await visible(raise.getByText('登记问题').first());
    await raise.getByLabel('单位').fill('何庄');
    await admin.keyboard.press('Enter');
    await raise.getByLabel('问题描述').fill('村委会门前垃圾桶破损，周边有散落垃圾');
    await raise.getByLabel('责任人').fill('村党支部书记 何某');
    await addPhoto(admin, jpeg, 'before.jpg');
    await raise.getByRole('button', { name: '登记', exact: true }).click();
    await visible(admin.getByText('已登记何庄村的问题').first());
    const raised = await json<{ rows: ProblemRow[] }>(
      admin,
      `${server.url}/api/problems?campaign=WX2023&unit=RML-HZ&status=open`,
    );
    const problem = raised.rows[0] as ProblemRow;
    expect(problem).toBeDefined();

    // The village user, on a phone, finds it in its ledger and submits the rectification with a photo.
    const villageContext = await newContext(browser, PHONE);
    const village = await villageContext.newPage();
    await loginAs(village, server.url, 'village');
    await village.goto(`${server.url}/problems`);
    await village.getByText(problem.number).first().click();
    await village.waitForURL(`**/problems/${problem.id}`);
    await village.getByRole('button', { name: '提交整改' }).click();
    const rectify = village.getByRole('dialog');
    await rectify
      .getByPlaceholder('说明采取了哪些整改措施、完成情况')
      .fill('已更换新垃圾桶，清理周边垃圾，落实专人每日保洁');
    await addPhoto(village, jpeg, 'after.jpg');
    await village.waitForTimeout(400); // the dialog's opening animation, before the screenshot
    await shoot(village, 'problem-rectify-phone');
    await rectify.getByRole('button', { name: '提交整改', exact: true }).click();
    await visible(village.getByText('整改材料已提交，等待回头看').first());
    const submitted = await json<{ problem: ProblemRow; events: unknown[] }>(
      village,
      `${server.url}/api/problems/${problem.id}`,
    );
    expect(submitted.problem.status).toBe('submitted');
    expect(submitted.events).toHaveLength(2);
    await villageContext.close();

    // 何庄村 is in 人民路街道; the demo street admin and inspector work in 龙兴街道, so the district admin looks back.
    await admin.goto(`${server.url}/problems/${problem.id}`);
    await admin.getByRole('button', { name: '开始回头看' }).click();
    await admin.locator('.ant-modal-confirm').getByRole('button', { name: '开始回头看' }).click();
    await visible(admin.getByText('已开始回头看').first());
    await admin.getByRole('button', { name: '通过销号' }).click();
    const review = admin.getByRole('dialog');
    await review.getByPlaceholder('如：现场核实已整改到位').fill('现场核实，垃圾桶已更换，环境整洁');
    await review.getByRole('button', { name: '通过销号', exact: true }).click();
    await admin.locator('.ant-message').getByText('已销号').waitFor({ timeout: 15_000 });
    const closed = await json<{ problem: ProblemRow; events: unknown[] }>(
      admin,
      `${server.url}/api/problems/${problem.id}`,
    );
    expect(closed.problem.status).toBe('closed');
    expect(closed.events).toHaveLength(4);
    await visible(admin.getByText('回头看通过，销号').first());
    await shoot(admin, 'problem-detail-closed-desktop');

    // The ledger shows it 已销号; the statistics count one more closed problem.
    await admin.goto(`${server.url}/problems?q=${problem.number}`);
    const row = admin.locator('tr', { hasText: problem.number });
    await visible(row.getByText('已销号'));
    await admin.goto(`${server.url}/problems/stats`);
    await visible(admin.getByTestId('kpi-closed').getByText(`${before.total.closed + 1} 条`));
    await visible(admin.getByTestId('kpi-notified').getByText(`${before.total.notified + 1} 条`));
    await admin.context().close();
  });

  it('supervision: templates, a sheet with its versions, assignments, and new rounds by the district and a street', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/supervision?tab=templates`);
    await page.getByRole('button', { name: '查看' }).first().click();
    await visible(page.getByText('评分表已锁定，不能修改'));
    await visible(page.getByText('班子建设').first());
    await page.waitForTimeout(400);
    await shoot(page, 'supervision-template-desktop');
    await page.keyboard.press('Escape');

    const { rounds } = await json<{ rounds: { id: string; number: string }[] }>(
      page,
      `${server.url}/api/rounds?campaign=WX2023`,
    );
    const gm = rounds.find((r) => r.number === 'GM-2023-12');
    await page.goto(`${server.url}/supervision/rounds/${gm?.id}`);
    await page.locator('tr', { hasText: '孙庄村' }).getByRole('button', { name: '查看评分' }).click();
    await visible(page.getByText('孙庄村 · 评分表记录'));
    await visible(page.getByText('第 1 版').first());
    await page.waitForTimeout(400);
    await shoot(page, 'round-inspections-drawer-desktop');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '调整分工' }).click();
    await visible(page.getByText('按街道指派'));
    await page.waitForTimeout(400);
    await shoot(page, 'round-assignments-desktop');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

    // The district admin creates December's supervision round with the standing assignments.
    await page.goto(`${server.url}/supervision`);
    await page.getByRole('button', { name: '新建轮次' }).click();
    const create = page.getByRole('dialog');
    await visible(create.getByText('新建轮次'));
    await page.waitForTimeout(400);
    await shoot(page, 'supervision-create-round-desktop');
    await create.getByRole('button', { name: '创建', exact: true }).click();
    await page.waitForURL(/\/supervision\/rounds\//);
    await visible(page.getByText('DD-2023-12').first());
    await visible(page.getByTestId('coverage').getByText('龙兴街道'));
    await context.close();

    // The street admin sees its street only and runs a special check there.
    const streetContext = await newContext(browser, DESKTOP);
    const street = await streetContext.newPage();
    await loginAs(street, server.url, 'street');
    await street.goto(`${server.url}/supervision`);
    await visible(street.getByText('GM-2023-12').first());
    await street.getByRole('button', { name: '新建专项督查' }).click();
    const special = street.getByRole('dialog');
    await visible(special.getByText('新建专项督查（龙兴街道）'));
    await street.waitForTimeout(400);
    await shoot(street, 'supervision-create-special-desktop');
    await special.getByRole('button', { name: '创建', exact: true }).click();
    await street.waitForURL(/\/supervision\/rounds\//);
    await visible(street.getByText(/ZX-LX-2023-/).first());
    await visible(street.getByTestId('coverage').getByText('0/7').first());
    await shoot(street, 'round-special-street-desktop');
    await streetContext.close();
  });

  it('screenshots: ledger, problem detail, statistics, round coverage and the printed notice, desktop and phone', async () => {
    for (const [label, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      await loginAs(page, server.url, 'admin');

      await page.goto(`${server.url}/problems`);
      await visible(page.getByText('WT2023-0080').first());
      await shoot(page, `problems-ledger-${label}`);

      const overdue = await json<{ rows: ProblemRow[] }>(
        page,
        `${server.url}/api/problems?campaign=WX2023&overdue=true&pageSize=1`,
      );
      const late = overdue.rows[0] as ProblemRow;
      await page.goto(`${server.url}/problems/${late.id}`);
      await visible(page.getByText('逾期扣分').first());
      await shoot(page, `problem-detail-overdue-${label}`);

      await page.goto(`${server.url}/problems/stats`);
      await page.locator('canvas').first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.waitForTimeout(600); // the bars' entry animation
      await shoot(page, `problem-stats-${label}`);
      if (label === 'desktop') {
        await page.goto(`${server.url}/problems/stats?level=village`);
        await page.locator('canvas').first().waitFor({ state: 'visible', timeout: 15_000 });
        await page.waitForTimeout(600);
        await shoot(page, 'problem-stats-village-desktop');
      }

      await page.goto(`${server.url}/supervision`);
      await visible(page.getByText('GM-2023-12').first());
      await shoot(page, `supervision-rounds-${label}`);

      const { rounds } = await json<{ rounds: { id: string; number: string }[] }>(
        page,
        `${server.url}/api/rounds?campaign=WX2023`,
      );
      const gm = rounds.find((r) => r.number === 'GM-2023-12');
      expect(gm).toBeDefined();
      await page.goto(`${server.url}/supervision/rounds/${gm?.id}`);
      await visible(page.getByTestId('coverage').getByText('龙兴街道').first());
      await page.waitForTimeout(600);
      await shoot(page, `round-detail-${label}`);

      if (label === 'desktop') {
        await page.goto(`${server.url}/supervision/rounds/${gm?.id}?tab=notice`);
        await visible(page.getByTestId('notice-preview').getByText('关于第四季度逐村观摩评比发现问题的通报'));
        await shoot(page, 'round-notice-desktop');
        await page.emulateMedia({ media: 'print' });
        await shoot(page, 'round-notice-print');
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.pdf({ path: join(SCREENSHOTS, 'round-notice.pdf'), format: 'A4', printBackground: true });
        await page.emulateMedia({ media: 'screen' });
      }
      await context.close();
    }
  });
});
