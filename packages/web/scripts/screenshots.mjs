// Takes review screenshots of the web app against a running server.
// Usage: node packages/web/scripts/screenshots.mjs [baseUrl] [outDir]
//   baseUrl defaults to http://localhost:3100, outDir to .tmp/shots (relative to the repo root).
// Logs in as the demo district admin (admin / wuxing2023) and captures login, home, units tree,
// unit detail, contest groups, users, user drawer, the import error report and the audit log at
// 1440×900 and 390×844. It also prints any Latin words found in the Chinese pages.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3100';
const outDir = resolve(process.argv[3] ?? '.tmp/shots');
mkdirSync(outDir, { recursive: true });

const badCsv = [
  '编码,名称,类型,上级编码,权重',
  'LX-NEW1,新建村一,村,LX,1',
  'LX-NEW2,,村,LX,1',
  'LX-NEW3,新建村三,乡镇,LX,1',
  'LX-NEW4,新建村四,村,NOPE,1',
  'LX-NEW5,新建村五,村,LX,-2',
  'LX-NEW1,重复编码村,村,LX,1',
].join('\n');
const badFile = join(tmpdir(), 'wuxing-bad-units.csv');
writeFileSync(badFile, `\uFEFF${badCsv}\n`);

const viewports = [
  { name: 'desktop', width: 1440, height: 900, mobile: false },
  { name: 'phone', width: 390, height: 844, mobile: true },
];

// Latin words that may legitimately appear in the Chinese UI: usernames, unit codes, file types.
const allowedLatin =
  /^(admin|inspector|street|village|judge|wuxing2023|xlsx|csv|json|Excel|CSV|JSON|MB|v\d.*)$/;

function latinWords(text) {
  return [...new Set(text.match(/[A-Za-z][A-Za-z]{2,}/g) ?? [])].filter(
    (w) => !allowedLatin.test(w) && !/^[A-Z]{1,6}$/.test(w),
  );
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const report = [];
try {
  for (const vp of viewports) {
    const context = await browser.newContext({
      viewport: { width: vp.width, height: vp.height },
      deviceScaleFactor: 1,
      isMobile: vp.mobile,
      hasTouch: vp.mobile,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const jsBytes = { total: 0 };
    page.on('response', async (res) => {
      if (res.url().endsWith('.js')) {
        const body = await res.body().catch(() => Buffer.alloc(0));
        jsBytes.total += body.length;
      }
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning')
        report.push(`[${vp.name}] console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => report.push(`[${vp.name}] page error: ${err.message}`));

    const shot = async (name) => {
      await page.waitForTimeout(400);
      const file = join(outDir, `${name}-${vp.name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      // biome-ignore lint/performance/useDomNodeTextContent: only the text a reader sees matters here
      const words = latinWords(await page.evaluate(() => document.body.innerText));
      report.push(`${file}${words.length ? `  latin: ${words.join(' ')}` : ''}`);
    };

    await page.goto(`${base}/login`);
    await page.getByTestId('demo-tag').first().waitFor();
    report.push(`[${vp.name}] login page JS: ${(jsBytes.total / 1024).toFixed(0)} KiB (uncompressed)`);
    await shot('01-login');

    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wuxing2023');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('快捷入口').waitFor();
    await page.waitForLoadState('networkidle');
    await shot('02-home');

    if (vp.mobile) {
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.locator('.ant-drawer-open .ant-menu').waitFor();
      await shot('03-menu-drawer');
      await page.keyboard.press('Escape');
    }

    await page.goto(`${base}/units`);
    await page.locator('.ant-tree').waitFor();
    await page.waitForLoadState('networkidle');
    await shot('04-units');

    await page.getByPlaceholder('搜索单位名称或编码').fill('何庄');
    await page.waitForTimeout(300);
    await page
      .locator('.ant-tree-treenode')
      .filter({ hasText: '何庄村' })
      .first()
      .locator('.ant-tree-node-content-wrapper')
      .click();
    await page.getByText('变更记录').waitFor();
    await page.waitForLoadState('networkidle');
    await shot('05-unit-detail');

    await page.goto(`${base}/units?tab=groups`);
    await page.getByText('党群机关').first().waitFor();
    await shot('06-contest-groups');

    await page.goto(`${base}/users`);
    await page.getByText('督导组 李强').first().waitFor();
    await shot('07-users');
    await page
      .getByRole('button', { name: /编\s*辑/ })
      .nth(1)
      .click();
    await page.locator('.ant-drawer-open').waitFor();
    await shot('08-user-drawer');
    await page.keyboard.press('Escape');

    await page.goto(`${base}/units`);
    await page.locator('.ant-tree').waitFor();
    await page
      .getByRole('button', { name: /导\s*入/ })
      .first()
      .click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(badFile);
    await page.getByTestId('import-errors').waitFor();
    await shot('09-import-errors');
    await page.keyboard.press('Escape');

    await page.goto(`${base}/audit`);
    await page
      .getByText(/已显示全部|加载更早的记录/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: '校验审计链' }).click();
    await page.getByText('审计链完整').waitFor();
    if (vp.mobile) await page.getByRole('button', { name: '查看变更' }).first().click();
    else await page.locator('.ant-table-row-expand-icon').first().click();
    await shot('10-audit');

    await page.goto(`${base}/password`);
    await page.getByLabel('当前密码').waitFor();
    await shot('11-password');

    await page.goto(`${base}/no-such-page`);
    await page.getByText('404').first().waitFor();
    await shot('12-not-found');

    // English switch: the choice is stored in localStorage and survives a reload.
    await page.evaluate(() => localStorage.setItem('wuxing.lang', 'en'));
    await page.goto(`${base}/units`);
    await page.locator('.ant-tree').waitFor();
    await page.waitForLoadState('networkidle');
    await shot('13-units-en');
    await page.evaluate(() => localStorage.removeItem('wuxing.lang'));

    // The other demo roles: their home page and their own menu entry.
    const roles = [
      { username: 'street', menu: '组织架构' },
      { username: 'village', menu: '本单位' },
      { username: 'inspector', menu: '我的督导单位' },
      { username: 'judge', menu: null },
    ];
    for (const role of roles) {
      await context.clearCookies();
      await page.goto(`${base}/login`);
      await page.getByLabel('用户名').fill(role.username);
      await page.getByLabel('密码').fill('wuxing2023');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByText('快捷入口').waitFor();
      await page.waitForLoadState('networkidle');
      await shot(`20-${role.username}-home`);
      if (role.menu) {
        await page
          .getByRole('link', { name: role.menu })
          .or(page.getByText(role.menu, { exact: true }))
          .first()
          .click();
        await page.waitForLoadState('networkidle');
        await shot(`21-${role.username}-${role.menu === '组织架构' ? 'units' : 'own'}`);
      }
    }

    await context.close();
  }
} finally {
  await browser.close();
}
console.log(report.join('\n'));
