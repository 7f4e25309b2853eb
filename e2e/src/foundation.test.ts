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

describe('foundation in a real browser: login, organisation tree, users, scope', () => {
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

  it('a district admin logs in, browses the tree, sees an import rejected with its rows named, and manages users', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await visible(page.getByText('示例数据').first());
    await shoot(page, 'login-desktop');
    await loginAs(page, server.url, 'admin');
    await visible(page.getByText('区委组织部 王敏').first());
    await shoot(page, 'home-admin-desktop');

    await page.goto(`${server.url}/units`);
    await visible(page.getByText('龙兴街道').first());
    await visible(page.getByText('人民路街道').first());
    await shoot(page, 'units-desktop');

    // A bad CSV: the import dialog lists every error by sheet, row and column, and nothing changes.
    await page
      .getByRole('button', { name: /导\s*入/ })
      .first()
      .click();
    await page.locator('input[type=file]').setInputFiles({
      name: '单位.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('编码,名称,类型,上级编码\r\nE2E-1,好村,村,LX\r\nE2E-2,,星球,NOPE\r\n', 'utf8'),
    });
    await visible(page.getByText('名称不能为空').first());
    await visible(page.getByText(/类型“星球”无效/).first());
    await shoot(page, 'units-import-errors-desktop');
    const after = await page.request.get(`${server.url}/api/units?q=E2E`);
    expect(((await after.json()) as { units: unknown[] }).units).toEqual([]);
    await page.keyboard.press('Escape');

    // The campaign workbook's dialog (the same frame as every import): a JSON whose 板块 do not add up to 100 is
    // refused with the place named; 重新选择文件 goes back to the drop zone.
    await page.goto(`${server.url}/campaigns`);
    await page.getByRole('button', { name: /导入工作簿/ }).click();
    const campaignDialog = page.locator('.ant-modal').filter({ hasText: '导入考评方案工作簿' });
    await campaignDialog.locator('input[type=file]').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          方案: [{ 编码: 'E2E-C', 名称: '坏方案', 年度: 2024 }],
          板块: [{ 编码: 'A', 名称: '甲', 分值: 60, 类型: '计划' }],
        }),
        'utf8',
      ),
    });
    await visible(campaignDialog.getByText(/各板块分值之和应为 100/).first());
    await shoot(page, 'campaign-import-errors-desktop');
    await campaignDialog.getByRole('button', { name: /重新选择文件/ }).click();
    await visible(campaignDialog.locator('.ant-upload-drag'));
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/users`);
    for (const username of ['admin', 'inspector', 'judge'])
      await visible(page.getByText(username, { exact: true }).first());
    await shoot(page, 'users-desktop');
    // More users than a page (the demo jury): the others are found by searching.
    const search = page.getByPlaceholder('搜索用户名、姓名或单位');
    for (const username of ['street', 'village']) {
      await search.fill(username);
      await visible(page.getByText(username, { exact: true }).first());
    }
    await context.close();
  });

  it('a street admin sees only its own street, also at phone width', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await shoot(page, 'login-phone');
    await loginAs(page, server.url, 'street');
    await page.goto(`${server.url}/units`);
    await visible(page.getByText('龙兴街道').first());
    expect(await page.getByText('人民路街道').count()).toBe(0);
    expect(await page.getByText('何庄村').count()).toBe(0);
    await shoot(page, 'units-street-phone');
    await context.close();
  });

  it('dialogs zoom in, unless the system asks for reduced motion: then they open at once', async () => {
    const zoomed: Record<string, boolean> = {};
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const context = await newContext(browser, DESKTOP, { reducedMotion });
      const page = await context.newPage();
      await loginAs(page, server.url, 'admin');
      await page.goto(`${server.url}/units`);
      await visible(page.getByText('龙兴街道').first());
      // Watches every class the page's elements take while the import dialog opens: zooming in is the stages
      // start and active of the zoom motion (a first "prepare" stage only measures, without motion).
      await page.evaluate(() => {
        const seen: string[] = [];
        new MutationObserver((records) => {
          for (const r of records) {
            const target = r.target as Element;
            if (typeof target.className === 'string') seen.push(target.className);
            for (const node of r.addedNodes)
              if (node instanceof Element)
                for (const el of [node, ...node.querySelectorAll('*')]) seen.push(el.className.toString());
          }
        }).observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['class'],
        });
        Object.assign(window, { seenClasses: seen });
      });
      await page
        .getByRole('button', { name: /导\s*入/ })
        .first()
        .click();
      await visible(page.getByRole('dialog'));
      zoomed[reducedMotion] = await page.evaluate(() =>
        ((window as unknown as { seenClasses: string[] }).seenClasses ?? []).some((c) =>
          /\bant-zoom-(appear|enter)-(start|active)\b/.test(c),
        ),
      );
      await context.close();
    }
    expect(zoomed).toEqual({ 'no-preference': true, reduce: false });
  });

  it('the user page is usable at phone width', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/users`);
    await visible(page.getByText('inspector', { exact: true }).first());
    await shoot(page, 'users-phone');
    await page.goto(`${server.url}/units`);
    await visible(page.getByText('龙兴街道').first());
    await shoot(page, 'units-phone');
    await context.close();
  });
});
