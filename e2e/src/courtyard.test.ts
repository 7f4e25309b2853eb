import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpLogin, type ServerProcess } from '../../packages/cli/test/serverProcess';
import type {
  CourtyardCampaignListView,
  CourtyardHouseholdView,
  CourtyardStatsView,
  HouseholdListView,
} from '../../packages/server/src/contracts/courtyard';
import {
  type QueueEntry,
  type QueueStore,
  type QueueTransport,
  runSync,
  syncOrder,
  withoutPhoto,
} from '../../packages/web/src/offline/queue';
import {
  DESKTOP,
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

const CAMPAIGN = 'WM-2023';
const STATS = `/api/courtyard-campaigns/${CAMPAIGN}/stats`;

async function ok<T>(r: Response): Promise<T> {
  if (!r.ok) throw new Error(`${r.url} → ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** The number a KPI card shows (thousands separators dropped). */
async function kpi(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`kpi-${key}`).locator('.ant-statistic-content-value').textContent();
  return Number((text ?? '').replace(/[,\s]/g, ''));
}

// ——— The offline queue with courtyard evaluations, without a browser ———

function queued(kind: 'photo' | 'courtyard', key: string, photoKeys: string[] = []): QueueEntry {
  const base = {
    key,
    owner: 'inspector-rml',
    createdAt: `2023-06-01T08:00:0${key.length % 10}Z`,
    attempts: 0,
    lastError: null,
    lastStatus: null,
    state: 'waiting' as const,
    nextAttemptAt: 0,
    roundId: CAMPAIGN,
    unitCode: 'RML-HZ-H0035',
    unitName: '杨金珍户',
    detail: null,
  };
  if (kind === 'photo')
    return { ...base, kind, payload: { unitCode: base.unitCode, fileName: `${key}.jpg` }, blobs: [] };
  return {
    ...base,
    kind,
    payload: {
      campaignCode: CAMPAIGN,
      householdCode: base.unitCode,
      body: { idempotencyKey: key, scores: { ZJ: 19 }, photoKeys },
    },
    blobs: [],
  };
}

describe('offline queue with courtyard evaluations', () => {
  it('sends the photo before the evaluation naming it, holds a later evaluation of the same household behind a refused one, and a discarded photo leaves the body', async () => {
    const map = new Map<string, QueueEntry>();
    const store: QueueStore = {
      all: async () => [...map.values()],
      put: async (e) => {
        map.set(e.key, e);
      },
      delete: async (k) => {
        map.delete(k);
      },
    };
    const sent: string[] = [];
    const refuse = new Set<string>();
    const transport: QueueTransport = {
      whoami: async () => 'inspector-rml',
      send: async (e) => {
        sent.push(e.key);
        if (refuse.has(e.key)) throw Object.assign(new Error('请为「和谐美」评分'), { status: 400 });
      },
    };
    for (const e of [queued('courtyard', 'eval-0001', ['photo-0001']), queued('photo', 'photo-0001')])
      await store.put(e);
    expect(syncOrder([...map.values()]).map((e) => e.kind)).toEqual(['photo', 'courtyard']);
    await runSync(store, transport, { now: () => 0 });
    expect(sent).toEqual(['photo-0001', 'eval-0001']);
    expect(map.size).toBe(0);

    // A refused evaluation waits for the evaluator; a later one of the same household does not overtake it.
    refuse.add('eval-0002');
    await store.put(queued('courtyard', 'eval-0002'));
    await store.put({ ...queued('courtyard', 'eval-00003'), createdAt: '2023-06-02T08:00:00Z' });
    await runSync(store, transport, { now: () => 0 });
    expect(sent.slice(2)).toEqual(['eval-0002']);
    expect(map.get('eval-0002')).toMatchObject({ state: 'attention', lastStatus: 400 });
    expect(map.has('eval-00003')).toBe(true);

    const changed = withoutPhoto([queued('courtyard', 'eval-0004', ['photo-a', 'photo-b'])], 'photo-a');
    const body = changed[0]?.kind === 'courtyard' ? changed[0].payload.body : null;
    expect(body?.photoKeys).toEqual(['photo-b']);
  });
});

describe('五美庭院 in a real browser', () => {
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

  it('a village applies for a household, an evaluator scores it on a phone with a photo, the street names it, and the statistics move', async () => {
    try {
      await scenario();
    } catch (error) {
      // What each open page showed when it failed, to look at.
      let n = 0;
      for (const context of browser.contexts())
        for (const page of context.pages())
          await shoot(page, `courtyard-failure-${++n}`).catch(() => undefined);
      throw error;
    }
  });

  async function scenario(): Promise<void> {
    // 何庄村 is in 人民路街道; the demo's `street` login is 龙兴街道, so the district admin adds 人民路's street admin.
    const admin = await httpLogin(server.url, 'admin', 'wuxing2023');
    await ok(
      await admin.post('/api/users', {
        username: 'street-rml',
        displayName: '人民路街道 周敏',
        role: 'street_admin',
        scopeUnitCode: 'RML',
        password: 'wuxing2023-init',
      }),
    );
    const first = await httpLogin(server.url, 'street-rml', 'wuxing2023-init');
    await ok(
      await first.post('/api/auth/password', {
        currentPassword: 'wuxing2023-init',
        newPassword: 'wuxing2023',
      }),
    );
    const streetApi = await httpLogin(server.url, 'street-rml', 'wuxing2023');
    const villageApi = await httpLogin(server.url, 'village', 'wuxing2023');

    // A 何庄村 household without an application this year.
    const campaigns = await ok<CourtyardCampaignListView>(await villageApi.get('/api/courtyard-campaigns'));
    const campaign = campaigns.rows.find((c) => c.code === CAMPAIGN);
    expect(campaign?.standards.map((s) => s.name)).toEqual([
      '整洁美',
      '卫生美',
      '绿化美',
      '文明美',
      '和谐美',
    ]);
    const standards = campaign?.standards ?? [];
    const households = await ok<HouseholdListView>(await villageApi.get('/api/households?pageSize=100'));
    const before = await ok<CourtyardStatsView>(await streetApi.get(STATS));
    expect(before.scope).toBe('street');

    // 1. The village user, on a phone: the households list, then 申报 with the village confirmation in one step.
    const villageCtx = await newContext(browser, PHONE);
    const village = await villageCtx.newPage();
    await loginAs(village, server.url, 'village');
    await village.goto(`${server.url}/courtyards/households`);
    await visible(
      village
        .getByTestId('household-cards')
        .getByText(households.rows[0]?.code ?? '?')
        .first(),
    );
    await expect(village.getByTestId('household-total').textContent()).resolves.toContain(
      `共 ${households.total} 户`,
    );
    await settle(village);
    await shoot(village, 'courtyard-households-phone');

    // Excel import: a bad file lists its errors by row and column and changes nothing; a good one adds the household.
    const workbook = async (rows: (string | number)[][]): Promise<Buffer> => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('住户');
      sheet.addRow(['村(社区)编码', '户主', '地址', '家庭人口', '家庭成员', '联系电话']);
      for (const r of rows) sheet.addRow(r);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const upload = async (rows: (string | number)[][]) => {
      await village.getByRole('button', { name: /导入Excel/ }).click();
      const dialog = village.locator('.ant-modal').filter({ hasText: '导入住户' });
      await dialog.locator('input[type=file]').setInputFiles({
        name: '住户.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await workbook(rows),
      });
      return dialog;
    };
    const bad = await upload([
      ['RML-HZ', '', '何庄村5组88号', 3, '', ''],
      ['GZ-GZ', '高明', '高庄村9组1号', 'x', '', ''],
    ]);
    const errors = bad.getByTestId('import-errors');
    await visible(errors.getByText('请填写户主'));
    await visible(errors.getByText('无权导入 高庄村 的住户'));
    await visible(errors.getByText('家庭人口应为1到50的整数'));
    await village.keyboard.press('Escape');
    const unchanged = await ok<HouseholdListView>(await villageApi.get('/api/households?pageSize=1'));
    expect(unchanged.total).toBe(households.total);
    const good = await upload([
      ['RML-HZ', '郑晓明', '何庄村5组88号', 3, '郑晓明(户主)、李秀英(配偶)、郑浩(子女)', '13912345678'],
    ]);
    await visible(good.getByText('导入完成：新增 1 户，更新 0 户'));
    await village.keyboard.press('Escape');
    const imported = await ok<HouseholdListView>(
      await villageApi.get(`/api/households?q=${encodeURIComponent('郑晓明')}`),
    );
    expect(imported.rows).toHaveLength(1);
    const household = imported.rows[0] as HouseholdListView['rows'][number];
    expect(household).toMatchObject({ villageCode: 'RML-HZ', memberCount: 3, phone: '13912345678' });
    expect(household.members.map((m) => m.relation)).toEqual(['户主', '配偶', '子女']);
    const code = household.code;

    await village.goto(`${server.url}/courtyards/applications`);
    await village.getByRole('button', { name: /为住户申报/ }).click();
    const dialog = village.locator('.ant-modal').filter({ hasText: '选择申报的住户' });
    // What the campaign asks of a household, before choosing whom to apply for.
    await visible(dialog.getByTestId('courtyard-content').getByText(/清洁卫生居室美、整洁有序庭院美/));
    await village.waitForTimeout(300);
    await village.screenshot({ path: join(SCREENSHOTS, 'courtyard-apply-dialog-phone.png') });
    await dialog.getByPlaceholder('搜索户主、地址或编码').fill(code);
    await dialog.getByPlaceholder('搜索户主、地址或编码').press('Enter');
    await dialog.getByTestId('apply-list').getByText(code, { exact: false }).click();
    expect(await dialog.getByRole('checkbox', { name: '同时完成村级确认' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: '申报 1 户' }).click();
    await visible(village.getByText('已申报 1 户'));
    await village.goto(`${server.url}/courtyards/applications?q=${code}`);
    const card = village.getByTestId(`application-${code}`);
    await visible(card);
    await visible(card.getByText('村已确认'));
    await villageCtx.close();

    // 2. The street admin confirms what the village confirmed.
    const streetCtx = await newContext(browser, DESKTOP);
    const street = await streetCtx.newPage();
    await loginAs(street, server.url, 'street-rml');
    await street.goto(`${server.url}/courtyards/applications?status=village_confirmed&q=${code}`);
    const row = street.getByTestId('application-table').locator('tr', { hasText: code });
    await row.getByRole('button', { name: /街道确认/ }).click();
    await visible(street.getByText('已确认', { exact: true }));
    // Confirmed, it leaves the 村已确认 filter; without it the row says 街道已确认.
    await street.goto(`${server.url}/courtyards/applications?q=${code}`);
    await visible(row.getByText('街道已确认'));

    // 3. The evaluator on a phone: the list, the household, steppers and inputs, a photo; the draft survives a reload.
    const evalCtx = await newContext(browser, PHONE);
    const evaluator = await evalCtx.newPage();
    await loginAs(evaluator, server.url, 'inspector-rml');
    await evaluator.goto(`${server.url}/courtyards/evaluate`);
    await evaluator.getByTestId(`todo-${code}`).click();
    await evaluator.waitForURL((u) => u.pathname === `/courtyards/evaluate/${code}`);
    const std = (i: number) => evaluator.getByTestId(`standard-${standards[i]?.code}`);
    await visible(std(0).getByText(standards[0]?.guidance ?? ''));
    await std(0).getByRole('button', { name: '满分' }).click();
    await std(0)
      .getByRole('button', { name: /减 1 分/ })
      .click(); // 19
    await std(1).locator('input').first().fill('18');
    await std(2).locator('input').first().fill('19.5');
    await std(3).getByRole('button', { name: '满分' }).click(); // 20
    await std(4).locator('input').first().fill('17');
    await std(4).locator('input').first().blur();
    await expect(evaluator.getByTestId('live-total').textContent()).resolves.toBe('合计 93.5 / 100');
    const jpeg = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 60, g: 140, b: 60 } },
    })
      .jpeg()
      .toBuffer();
    await evaluator
      .getByTestId('courtyard-photo-input')
      .setInputFiles({ name: 'yard.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await visible(evaluator.getByAltText('现场照片').first());
    await visible(evaluator.getByText(/草稿已保存/));
    await evaluator.waitForTimeout(600);
    await evaluator.reload();
    await visible(evaluator.getByTestId('live-total'));
    await expect(evaluator.getByTestId('live-total').textContent()).resolves.toBe('合计 93.5 / 100');
    await visible(evaluator.getByAltText('现场照片').first());
    // What the evaluator sees (the sticky total at the bottom of the screen), then the whole page from the top.
    await evaluator.evaluate(() => window.scrollTo(0, 0));
    await settle(evaluator);
    await evaluator.screenshot({ path: join(SCREENSHOTS, 'courtyard-scoring-phone.png') });
    await shoot(evaluator, 'courtyard-scoring-phone-full');
    // Submitted with no network: it waits on the phone (photo first), and goes once the network is back.
    await evalCtx.setOffline(true);
    await evaluator.getByRole('button', { name: '提交评分' }).click();
    await evaluator.locator('.ant-modal').getByRole('button', { name: '提交评分' }).click();
    await visible(evaluator.getByText('已保存在本机，联网后自动同步').first());
    await visible(evaluator.getByTestId('sync-count').getByText('待同步 2 项'));
    await evalCtx.setOffline(false);
    await visible(evaluator.getByTestId('sync-count').getByText('全部已同步'));
    await visible(evaluator.getByText(/已提交 \(第 1 版/));
    await evalCtx.close();

    const detail = await ok<CourtyardHouseholdView>(
      await streetApi.get(`/api/courtyard-campaigns/${CAMPAIGN}/households/${code}`),
    );
    expect(detail.evaluations).toHaveLength(1);
    expect(detail.evaluations[0]?.total).toBe(93.5);
    expect(detail.evaluations[0]?.photos).toHaveLength(1);
    expect(detail.application?.score).toBe(93.5);
    expect(detail.nextLevel).toMatchObject({ level: 'village', threshold: 80, eligible: true });

    // 4. The street admin names it: village level, then street level (one level at a time).
    await street.goto(`${server.url}/courtyards/h/${code}`);
    await visible(street.getByTestId('household-score').getByText('评分均值 93.5 (1 位评分人)'));
    for (const level of ['村级', '街道级']) {
      await street.getByTestId('nominate').click();
      const modal = street.locator('.ant-modal').filter({ hasText: `命名为${level}示范户` });
      await visible(modal.getByText('本户 93.5 分'));
      await modal.getByRole('button', { name: `命名为${level}` }).click();
      await visible(street.getByText(`已命名为${level}示范户`));
      await settle(street);
    }
    await visible(street.getByTestId('level-tag').getByText('街道级').first());
    expect(await street.getByTestId('level-history').locator('.ant-timeline-item').count()).toBe(2);
    await shoot(street, 'courtyard-household-detail');

    // 5. The statistics moved by exactly this household: one more application, evaluation and street-level one.
    const after = await ok<CourtyardStatsView>(await streetApi.get(STATS));
    expect(after.total.households).toBe(before.total.households + 1);
    expect(after.total.applications).toBe(before.total.applications + 1);
    expect(after.total.evaluated).toBe(before.total.evaluated + 1);
    expect(after.total.levels.street).toBe(before.total.levels.street + 1);
    expect(after.total.levels.village).toBe(before.total.levels.village);
    expect(after.total.named).toBe(before.total.named + 1);
    const stage = (s: CourtyardStatsView, name: string) =>
      s.funnel.find((f) => f.stage === name)?.count ?? -1;
    expect(stage(after, 'applied')).toBe(stage(before, 'applied') + 1);
    expect(stage(after, 'street')).toBe(stage(before, 'street') + 1);
    const hz = (s: CourtyardStatsView) => s.villages.find((v) => v.code === 'RML-HZ');
    expect(hz(after)?.levels.street).toBe((hz(before)?.levels.street ?? 0) + 1);

    await street.goto(`${server.url}/courtyards`);
    await visible(street.getByTestId('levels-chart'));
    expect(await kpi(street, 'applications')).toBe(after.total.applications);
    expect(await kpi(street, 'evaluated')).toBe(after.total.evaluated);
    expect(await kpi(street, 'street')).toBe(before.total.levels.street + 1);
    await street.waitForTimeout(800);
    await shoot(street, 'courtyard-stats-desktop');
    await street.getByTestId('funnel-card').getByText('数据表').click();
    await visible(
      street
        .getByTestId('funnel-table')
        .getByText(String(stage(after, 'applied')))
        .first(),
    );
    await streetCtx.close();

    const phoneCtx = await newContext(browser, PHONE);
    const phone = await phoneCtx.newPage();
    await loginAs(phone, server.url, 'street-rml');
    await phone.goto(`${server.url}/courtyards`);
    await visible(phone.getByTestId('levels-chart'));
    expect(await kpi(phone, 'street')).toBe(after.total.levels.street);
    await phone.waitForTimeout(800);
    await shoot(phone, 'courtyard-stats-phone');
    await phoneCtx.close();

    // The district's view: the seed's 287 district-level and 51 city-level households, and a number's households.
    const adminCtx = await newContext(browser, DESKTOP);
    const district = await adminCtx.newPage();
    await loginAs(district, server.url, 'admin');
    await district.goto(`${server.url}/courtyards`);
    await visible(district.getByTestId('levels-chart'));
    expect(await kpi(district, 'district')).toBe(287);
    expect(await kpi(district, 'city')).toBe(51);
    await district.waitForTimeout(800);
    await shoot(district, 'courtyard-stats-district');
    // The district's settings: the 区级 quota cut to the 287 it has leaves no room, and the KPI says so.
    await district.getByRole('button', { name: /设置/ }).click();
    const settings = district.locator('.ant-drawer').filter({ hasText: '命名等级' });
    const districtQuota = settings.locator('tr', { hasText: '区级' }).locator('input').nth(1);
    expect(await districtQuota.inputValue()).toBe('300');
    await districtQuota.fill('287');
    await settle(district);
    await shoot(district, 'courtyard-settings');
    await settings.getByRole('button', { name: '保存' }).click();
    await visible(district.getByTestId('kpi-district').getByText('名额 287，剩余 0'));
    const levels = district.getByTestId('levels-card');
    await levels.getByText('数据表').click();
    const rml = levels.locator('tr', { hasText: '人民路街道' });
    // Columns: 街道, 住户, 申报, 已评分, 村级, 街道级 …
    const cell = rml.locator('td').nth(5).locator('a');
    const count = Number(await cell.textContent());
    expect(count).toBeGreaterThan(0);
    await cell.click();
    const drawer = district.locator('.ant-drawer').filter({ hasText: '人民路街道 · 街道级' });
    await visible(drawer.getByText(`共 ${count} 户`));
    await visible(drawer.getByTestId('drill-list').getByText(household.headName));
    await district.keyboard.press('Escape');
    await district.getByRole('tab', { name: '表彰名单' }).click();
    await visible(district.getByTestId('ceremony-count').getByText(/区级 287 户 · 市级 51 户/));
    await settle(district);
    await shoot(district, 'courtyard-ceremony');
    // Both exports are the workbooks the buttons point at.
    for (const name of [/导出Excel$/, /导出表彰名单$/]) {
      const href = await district.getByRole('link', { name }).getAttribute('href');
      const file = await district.request.get(`${server.url}${href}`);
      expect(file.ok(), String(href)).toBe(true);
      expect(file.headers()['content-type']).toContain('spreadsheetml');
    }
    await adminCtx.close();
  }
});
