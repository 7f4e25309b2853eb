// Takes review screenshots of the five-star campaign pages against a running server with demo data.
// Usage: node packages/web/scripts/screenshots-campaigns.mjs [baseUrl] [outDir]
//   baseUrl defaults to http://localhost:3200, outDir to .tmp/shots3 (relative to the repo root).
// Captures, at 1440×900 and 390×844: rankings (quarter, villages; drill-down; streets; annual star
// ratings), the unit profile (charts and their tables), score entry (with the correction reason), the
// campaign detail tabs (budget error, items, locks), the campaign import error table, target review and
// declaration, the street admin's ranking, the village's home and own score, the inspector's score
// entry, and the ranking in English. Prints Latin words found in the Chinese pages and any console
// errors. It creates (and archives) a 2024 campaign once, to show the budget-sum error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3200';
const outDir = resolve(process.argv[3] ?? '.tmp/shots3');
mkdirSync(outDir, { recursive: true });

// A campaign CSV set with errors on several sheets: the import must name sheet, row and column.
const badDir = join(tmpdir(), 'wuxing-bad-campaign');
mkdirSync(badDir, { recursive: true });
const badFiles = {
  '方案.csv': ['编码,名称,年度,评星线,前置星,去极值', 'WXBAD,错误示例方案,2024,80,ZB,是'],
  '星.csv': ['编码,名称', 'ZB,支部过硬星', 'CY,产业兴旺星'],
  '板块.csv': [
    '编码,名称,分值,类型',
    'RC,日常任务,30,计划',
    'DD,督导观摩,45,计划',
    'DQ,夺旗争先,10,加分',
    'ND,年度考核,20,计划',
  ],
  '指标.csv': [
    '编码,名称,星编码,板块编码,月份,满分',
    'RC-ZB-01,1月日常任务,ZB,RC,2024-01,10',
    'RC-ZB-02,2月日常任务,ZB,RC,2024-13,10',
    'RC-XX-01,1月日常任务,XX,RC,2024-01,10',
    'DD-ZB-01,1月督导,ZB,DD,2024-01,-5',
  ],
  '得分.csv': [
    '单位编码,指标编码,得分,评分人,不适用',
    'LX-LZ,RC-ZB-01,12,督导一组,否',
    'NOPE,RC-ZB-01,8,督导一组,否',
    'LX-LZ,RC-ZB-09,8,督导一组,否',
  ],
};
const badPaths = Object.entries(badFiles).map(([name, lines]) => {
  const file = join(badDir, name);
  writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);
  return file;
});

const viewports = [
  { name: 'desktop', width: 1440, height: 900, mobile: false },
  { name: 'phone', width: 390, height: 844, mobile: true },
];

// Latin words that may legitimately appear in the Chinese UI: usernames, codes, file types.
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
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning')
        report.push(`[${vp.name}] console ${msg.type()}: ${msg.text().slice(0, 300)}`);
    });
    page.on('pageerror', (err) => report.push(`[${vp.name}] page error: ${err.message}`));

    const shot = async (name, { fullPage = false, english = false } = {}) => {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(600);
      const file = join(outDir, `${name}-${vp.name}.png`);
      await page.screenshot({ path: file, fullPage });
      // biome-ignore lint/performance/useDomNodeTextContent: only the text a reader sees matters here
      const words = english ? [] : latinWords(await page.evaluate(() => document.body.innerText));
      report.push(`${file}${words.length ? `  latin: ${words.join(' ')}` : ''}`);
    };
    const login = async (username) => {
      await context.clearCookies();
      await page.goto(`${base}/login`);
      await page.getByPlaceholder('用户名').fill(username);
      await page.getByPlaceholder('密码').fill('wuxing2023');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByText('快捷入口').waitFor();
      await page.waitForLoadState('networkidle');
    };
    const closeDrawer = async () => {
      await page.keyboard.press('Escape');
      await page
        .locator('.ant-drawer-open')
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
    };

    // ---- district admin ----
    await login('admin');
    await shot('30-admin-home', { fullPage: !vp.mobile });

    await page.goto(`${base}/rankings?period=2023-Q2`);
    await page.getByText('鲁庄村').first().waitFor();
    await shot('31-ranking-quarter', { fullPage: !vp.mobile });

    // Drill into the first row's 支部过硬星 score, then open one item's entries.
    await page.locator('.wx-drill').nth(1).click();
    await page.locator('.ant-drawer-open').waitFor();
    await page.getByText(/截至本期的指标/).waitFor();
    if (vp.mobile)
      await page
        .getByRole('button', { name: /查看评分记录/ })
        .first()
        .click();
    else await page.locator('.ant-drawer-open .ant-table-row-expand-icon').first().click();
    await page
      .getByText(/有效|已被更正/)
      .first()
      .waitFor();
    await shot('32-ranking-drill');
    await closeDrawer();

    await page.goto(`${base}/rankings?period=2023-Q2&level=street`);
    await page.getByText('龙兴街道').first().waitFor();
    await shot('33-ranking-streets');

    await page.goto(`${base}/rankings?period=2023`);
    await page
      .getByText(/星支部|未评星/)
      .first()
      .waitFor();
    if (!vp.mobile) await page.locator('.ant-table-row-expand-icon').first().click();
    await shot('34-ranking-annual');

    await page.goto(`${base}/profile/LX-LZ?period=2023`);
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    await shot('35-profile', { fullPage: !vp.mobile });
    if (vp.mobile) {
      await page.getByText('五星得分雷达图').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -70));
      await shot('35a-profile-charts');
    }
    for (const toggle of await page.getByText('表格', { exact: true }).all()) await toggle.click();
    if (vp.mobile) {
      await page.getByText('得分与排名走势').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -70));
    }
    await shot('35b-profile-tables', { fullPage: !vp.mobile });
    await page.getByText('2023年3月日常任务').first().click();
    await page.locator('.ant-drawer-open').waitFor();
    await page
      .getByText(/有效|已被更正/)
      .first()
      .waitFor();
    await shot('35c-profile-entries');
    await closeDrawer();

    await page.goto(`${base}/scores?unit=LX-LZ&month=2023-12`);
    await page.getByText('2023年12月日常任务').first().waitFor();
    await shot('36-scores', { fullPage: !vp.mobile });
    await page.goto(`${base}/scores?unit=LX-LZ&month=2023-11`);
    await page.getByText('2023年11月日常任务').first().waitFor();
    await page.getByRole('spinbutton').first().fill('8');
    await page.getByRole('button', { name: '提交更正' }).first().click();
    await page.getByText('更正原因').first().waitFor();
    await shot('37-scores-correction');
    await page.keyboard.press('Escape');

    await page.goto(`${base}/campaigns`);
    await page.getByText('2023年度五星支部创建').first().waitFor();
    await shot('38a-campaigns');
    await page.goto(`${base}/campaigns/WX2023`);
    await page.getByText('板块与分值').waitFor();
    await shot('38-campaign-detail', { fullPage: !vp.mobile });
    await page.goto(`${base}/campaigns/WX2023?tab=items`);
    await page.getByText('RC-ZB-01').first().waitFor();
    await shot('39-campaign-items');
    await page.goto(`${base}/campaigns/WX2023?tab=locks`);
    await page.getByTestId('lock-2023-12').waitFor();
    await shot('40-campaign-locks', { fullPage: !vp.mobile });
    await page.goto(`${base}/campaigns/WX2023?tab=targets`);
    await page.getByText('龙兴村').first().waitFor();
    await shot('40b-campaign-targets');

    // A 2024 campaign (archived, so the demo year stays current) shows the budget-sum error.
    const created = await page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
      const exists = await fetch('/api/campaigns/WX2024');
      if (exists.ok) return 'exists';
      await fetch('/api/campaigns', {
        method: 'POST',
        headers,
        body: JSON.stringify({ code: 'WX2024', name: '2024年度五星支部创建', year: 2024 }),
      });
      await fetch('/api/campaigns/WX2024', {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ status: 'archived' }),
      });
      return 'created';
    });
    report.push(`[${vp.name}] WX2024: ${created}`);
    await page.goto(`${base}/campaigns/WX2024`);
    await page.getByText('板块与分值').waitFor();
    await page.getByRole('spinbutton', { name: '分值' }).nth(1).fill('45');
    await page.getByTestId('budget-total').filter({ hasText: '105' }).waitFor();
    await page.getByRole('button', { name: '保存板块' }).click();
    await page.getByText('各板块分值之和应为 100').first().waitFor();
    await shot('41-campaign-budget-error', { fullPage: !vp.mobile });

    await page.goto(`${base}/campaigns`);
    await page.getByRole('button', { name: '导入工作簿' }).click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(badPaths);
    await page.getByTestId('import-errors').waitFor();
    await shot('42-import-errors');
    await page.keyboard.press('Escape');

    // English: the same ranking in the other language.
    await page.evaluate(() => localStorage.setItem('wuxing.lang', 'en'));
    await page.goto(`${base}/rankings?period=2023-Q2`);
    await page.getByText('Quarterly ranking').waitFor();
    await shot('43-ranking-en', { english: true });
    await page.evaluate(() => localStorage.removeItem('wuxing.lang'));

    // ---- street admin ----
    await login('street');
    await shot('50-street-home', { fullPage: !vp.mobile });
    await page.goto(`${base}/rankings?period=2023-Q2`);
    await page.getByText('鲁庄村').first().waitFor();
    await shot('51-street-ranking', { fullPage: !vp.mobile });
    await page.goto(`${base}/targets`);
    await page.getByText('孙庄村').first().waitFor();
    await shot('52-street-targets', { fullPage: !vp.mobile });
    await page
      .getByRole('button', { name: /驳\s*回/ })
      .first()
      .click();
    await page.getByText('驳回原因').first().waitFor();
    await shot('53-street-reject');
    await page.keyboard.press('Escape');

    // ---- village user ----
    await login('village');
    await shot('60-village-home', { fullPage: !vp.mobile });
    await page.goto(`${base}/targets`);
    await page.getByText('当前状态').waitFor();
    await shot('61-village-targets', { fullPage: !vp.mobile });
    await page.goto(`${base}/profile`);
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    await shot('62-village-profile', { fullPage: !vp.mobile });
    if (vp.mobile) {
      await page.getByText(/指标得分/).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -70));
      await shot('62b-village-profile-items');
    }
    await page.goto(`${base}/rankings`);
    await page.getByText('何庄村').first().waitFor();
    await shot('63-village-ranking');

    // ---- inspector ----
    await login('inspector');
    await shot('70-inspector-home', { fullPage: !vp.mobile });
    await page.goto(`${base}/scores`);
    await page
      .getByText(/日常任务/)
      .first()
      .waitFor();
    await shot('71-inspector-scores', { fullPage: !vp.mobile });

    await context.close();
  }
} finally {
  await browser.close();
}
console.log(report.join('\n'));
