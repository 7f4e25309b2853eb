import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpLogin, type ServerProcess } from '../../packages/cli/test/serverProcess';
import type { SheetView } from '../../packages/server/src/contracts/supervision';
import {
  backoffMs,
  classify,
  type QueueEntry,
  type QueueStore,
  type QueueTransport,
  retried,
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
  shoot,
  startDemoServer,
  visible,
} from './support';

/** A full-page screenshot from the top, once toasts have gone (so the sticky header sits where it belongs). */
async function shootTop(page: Page, name: string): Promise<void> {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await shoot(page, name);
}

// ——— The queue's rules, without a browser ———

function entry(kind: QueueEntry['kind'], key: string, extra: Partial<QueueEntry> = {}): QueueEntry {
  const base = {
    key,
    owner: 'inspector',
    createdAt: `2023-12-05T08:00:0${key.length % 10}Z`,
    attempts: 0,
    lastError: null,
    lastStatus: null,
    state: 'waiting' as const,
    nextAttemptAt: 0,
    roundId: 'r1',
    unitCode: 'LX-A',
    unitName: '甲村',
    detail: null,
  };
  if (kind === 'photo')
    return {
      ...base,
      kind,
      payload: { unitCode: 'LX-A', fileName: `${key}.jpg` },
      blobs: [],
      ...extra,
    } as QueueEntry;
  if (kind === 'sheet')
    return {
      ...base,
      kind,
      payload: {
        idempotencyKey: key,
        roundId: 'r1',
        unitCode: 'LX-A',
        baseVersion: 0,
        visitedAt: '2023-12-05T08:00:00Z',
        lines: [{ lineId: 'l1', points: 20, photoKeys: ['photo-0001'] }],
      },
      blobs: [],
      ...extra,
    } as QueueEntry;
  return {
    ...base,
    kind,
    payload: {
      idempotencyKey: key,
      campaign: 'WX2023',
      unitCode: 'LX-A',
      star: 'S1',
      description: '公开栏未更新',
      severity: 'minor',
      deadline: '2023-12-20',
      photoKeys: ['photo-0002'],
    },
    blobs: [],
    ...extra,
  } as QueueEntry;
}

function memoryStore(entries: QueueEntry[]): QueueStore & { map: Map<string, QueueEntry> } {
  const map = new Map(entries.map((e) => [e.key, e]));
  return {
    map,
    all: async () => [...map.values()],
    put: async (e) => {
      map.set(e.key, e);
    },
    delete: async (k) => {
      map.delete(k);
    },
  };
}

/** A server double: answers by key (status 200 unless told), records what was sent. */
function fakeServer(answers: Record<string, number> = {}, user = 'inspector') {
  const sent: string[] = [];
  const transport: QueueTransport = {
    whoami: async () => {
      if (answers.whoami) throw Object.assign(new Error('会话已过期'), { status: answers.whoami });
      return user;
    },
    send: async (e) => {
      sent.push(e.key);
      const status = answers[e.key] ?? 200;
      if (status >= 300 || status === 0)
        throw Object.assign(new Error(status === 409 ? '幂等键已用于不同的内容' : `HTTP ${status}`), {
          status,
        });
    },
  };
  return { sent, transport };
}

describe('offline queue rules', () => {
  const now = () => 1_000_000;

  it('sends photos first, then sheets, then problems, and removes what the server took (replays included)', async () => {
    const store = memoryStore([
      entry('problem', 'problem-01'),
      entry('sheet', 'sheet-0001'),
      entry('photo', 'photo-0002'),
      entry('photo', 'photo-0001'),
    ]);
    expect(syncOrder([...store.map.values()]).map((e) => e.kind)).toEqual([
      'photo',
      'photo',
      'sheet',
      'problem',
    ]);
    const server = fakeServer();
    const report = await runSync(store, server.transport, { now });
    expect(server.sent).toEqual(['photo-0001', 'photo-0002', 'sheet-0001', 'problem-01']);
    expect(report.sent).toHaveLength(4);
    expect(store.map.size).toBe(0);
  });

  it('keeps a refused entry (409) for the user with the server message, and never retries it by itself', async () => {
    const store = memoryStore([entry('sheet', 'sheet-0001')]);
    const server = fakeServer({ 'sheet-0001': 409 });
    await runSync(store, server.transport, { now });
    const kept = store.map.get('sheet-0001');
    expect(kept).toMatchObject({
      state: 'attention',
      attempts: 1,
      lastStatus: 409,
      lastError: '幂等键已用于不同的内容',
    });
    await runSync(store, server.transport, { now, force: true });
    expect(server.sent).toEqual(['sheet-0001']);
    await store.put(retried(kept as QueueEntry));
    await runSync(store, fakeServer().transport, { now });
    expect(store.map.size).toBe(0);
  });

  it('backs off after no answer or a 5xx, keeps the same key, and holds what depends on a waiting photo', async () => {
    const store = memoryStore([entry('photo', 'photo-0001'), entry('sheet', 'sheet-0001')]);
    const down = fakeServer({ 'photo-0001': 0 });
    const report = await runSync(store, down.transport, { now });
    expect(report.networkDown).toBe(true);
    expect(down.sent).toEqual(['photo-0001']);
    expect(store.map.get('photo-0001')).toMatchObject({
      attempts: 1,
      state: 'waiting',
      nextAttemptAt: now() + backoffMs(1),
    });
    // Not due yet: an automatic pass leaves it; the sheet waits for its photo.
    const later = fakeServer();
    await runSync(store, later.transport, { now });
    expect(later.sent).toEqual([]);
    const failing = fakeServer({ 'photo-0001': 503 });
    await runSync(store, failing.transport, { now, force: true });
    expect(store.map.get('photo-0001')).toMatchObject({ attempts: 2, lastStatus: 503 });
    expect(failing.sent).toEqual(['photo-0001']);
    const back = fakeServer();
    await runSync(store, back.transport, { now: () => now() + backoffMs(2) });
    expect(back.sent).toEqual(['photo-0001', 'sheet-0001']);
    expect(backoffMs(20)).toBe(300_000);
  });

  it('stops on 401 and asks to log in, sending nothing and dropping nothing', async () => {
    const store = memoryStore([entry('photo', 'photo-0001')]);
    const report = await runSync(store, fakeServer({ whoami: 401 }).transport, { now });
    expect(report.needsLogin).toBe(true);
    expect(store.map.size).toBe(1);
    const midway = await runSync(store, fakeServer({ 'photo-0001': 401 }).transport, { now });
    expect(midway.needsLogin).toBe(true);
    expect(store.map.get('photo-0001')?.state).toBe('waiting');
    expect([classify(401), classify(409), classify(422), classify(0), classify(502)]).toEqual([
      'login',
      'attention',
      'attention',
      'retry',
      'retry',
    ]);
  });

  it("sends only the logged-in user's entries, and a later sheet of a unit waits for the earlier one", async () => {
    const first = entry('sheet', 'sheet-0001', { createdAt: '2023-12-05T08:00:00Z' });
    const second = entry('sheet', 'sheet-0002', { createdAt: '2023-12-05T09:00:00Z' });
    const other = entry('problem', 'problem-01', { owner: 'someone' });
    const store = memoryStore([first, second, other]);
    store.map.set('photo-0001', entry('photo', 'photo-0001', { state: 'attention' }));
    const server = fakeServer();
    await runSync(store, server.transport, { now });
    expect(server.sent).toEqual([]);
    // Discarding the refused photo lets the never-sent sheets go without it.
    store.map.delete('photo-0001');
    for (const changed of withoutPhoto([...store.map.values()], 'photo-0001')) await store.put(changed);
    await runSync(store, server.transport, { now });
    expect(server.sent).toEqual(['sheet-0001', 'sheet-0002']);
    expect([...store.map.keys()]).toEqual(['problem-01']);
  });
});

// ——— In the browser, at phone width, with the network cut ———

interface RankingRow {
  unitCode: string;
  score: number;
  display: string;
  rank: number;
}
interface RoundSummary {
  id: string;
  number: string;
}
interface RoundUnit {
  unitCode: string;
  unitName: string;
  streetCode: string | null;
  inspectors: { username: string; version: number }[];
}
interface ProblemRow {
  id: string;
  number: string;
  unitCode: string;
  photoCount: number;
  description: string;
}

describe('on-site scoring on a phone, offline, in a real browser', () => {
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

  it('an inspector scores a village with the network cut, raises a problem with a photo, and it all arrives exactly once', async () => {
    const admin = await httpLogin(server.url, 'admin', 'wuxing2023');
    const inspector = await httpLogin(server.url, 'inspector', 'wuxing2023');
    const json = async <T>(r: Response): Promise<T> => {
      if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    };

    const { rounds } = await json<{ rounds: RoundSummary[] }>(await inspector.get('/api/rounds'));
    const round = rounds.find((r) => r.number === 'GM-2023-12');
    expect(round).toBeDefined();
    const roundId = (round as RoundSummary).id;
    const detail = await json<{ units: RoundUnit[] }>(await inspector.get(`/api/rounds/${roundId}`));
    const todo = detail.units.filter(
      (u) => u.streetCode === 'LX' && u.inspectors.some((i) => i.username === 'inspector' && i.version === 0),
    );
    expect(todo.length).toBeGreaterThanOrEqual(2);
    const unit = todo[0] as RoundUnit;
    const sheet = await json<SheetView>(
      await inspector.get(`/api/rounds/${roundId}/units/${unit.unitCode}/sheet`),
    );
    expect(sheet.mine).toBeNull();
    const lines = sheet.stars.flatMap((s) => s.lines);

    const rankingPath = '/api/campaigns/WX2023/ranking?period=2023-12';
    const rankingBefore = await json<{ rows: RankingRow[] }>(await admin.get(rankingPath));
    const before = rankingBefore.rows.find((r) => r.unitCode === unit.unitCode) as RankingRow;
    expect(before).toBeDefined();
    const problemsPath = `/api/problems?round=${roundId}&unit=${unit.unitCode}&pageSize=500`;
    const problemsBefore = await json<{ rows: ProblemRow[] }>(await admin.get(problemsPath));
    const inspectionsPath = `/api/rounds/${roundId}/units/${unit.unitCode}/inspections`;
    const countInspections = async () =>
      (await json<{ inspections: { inspectorName: string }[] }>(await admin.get(inspectionsPath))).inspections
        .length;
    expect(await countInspections()).toBe(0);

    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    let sentSheetBody: string | null = null;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/inspections')
        sentSheetBody = r.postData();
    });
    await loginAs(page, server.url, 'inspector');
    await page.goto(`${server.url}/inspections`);
    const card = page.getByTestId(`unit-GM-2023-12-${unit.unitCode}`);
    await visible(card);
    await visible(page.getByText(/评分表已缓存 (\d+)\/\1，可离线使用/));
    await visible(page.getByText('全部已同步'));
    await shoot(page, 'supervision-inspections');

    await card.click();
    await page.waitForURL(`**/inspections/${roundId}/${unit.unitCode}`);
    await visible(page.getByText('已缓存，可离线填写'));

    // The village has no network.
    await context.setOffline(true);
    await visible(page.getByText('离线', { exact: true }).first());
    const inputs = page.getByRole('spinbutton');
    expect(await inputs.count()).toBe(lines.length);
    // Every line its max, except the first line of each star, which gets half.
    const firstOfStar = new Set(sheet.stars.map((s) => s.lines[0]?.id));
    for (const [i, line] of lines.entries()) {
      const value = firstOfStar.has(line.id) ? line.max / 2 : line.max;
      await inputs.nth(i).fill(String(value));
    }
    await inputs.nth(0).blur();
    const jpeg = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 180, g: 40, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    await page
      .getByTestId('photo-input-1')
      .first()
      .setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await visible(page.getByAltText(`${lines[0]?.name}现场照片`).first());

    // Two taps from a line to a queued problem.
    await page.getByRole('button', { name: `就“${lines[1]?.name}”提出问题` }).click();
    const drawer = page.getByRole('dialog');
    await visible(drawer.getByText('问题描述'));
    await drawer.getByRole('textbox').first().fill('村务公开栏本季度财务未公开（离线登记）');
    await drawer
      .getByTestId('problem-photo-input')
      .setInputFiles({ name: 'problem.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await visible(drawer.getByAltText('问题照片'));
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENSHOTS, 'supervision-phone-problem.png') });
    await drawer.getByRole('button', { name: '提交问题' }).click();
    await visible(page.getByText('问题已保存在本机，联网后自动同步').first());
    await page.waitForTimeout(600);
    await shootTop(page, 'supervision-phone-sheet');

    // Submitting asks how the visit was done first.
    await page.getByRole('button', { name: '提交评分' }).click();
    await visible(page.getByText('请选择本次检查方式（查阅资料、座谈走访、实地查看）'));
    await page.getByRole('checkbox', { name: '实地查看' }).check();
    await page.getByRole('checkbox', { name: '查阅资料' }).check();
    await page.locator('#visit-methods').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'supervision-phone-methods.png') });
    await page.getByRole('button', { name: '提交评分' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText(`确认提交“${unit.unitName}”的评分？`));
    await dialog.getByRole('button', { name: '提交评分' }).click();
    await visible(page.getByText('评分已保存在本机，联网后自动同步').first());
    // Two photos, the sheet and the problem wait on the phone; nothing reached the server.
    await visible(page.getByTestId('sync-count').getByText('待同步 4 项'));
    await visible(page.getByText('同步完成前不能修改；同步后如需修改，请使用“更正”。'));
    // The list still opens offline, and shows what waits.
    await page.getByRole('button', { name: '返回现场评分' }).click();
    await visible(card.getByText('待同步'));
    await visible(page.getByTestId('sync-count').getByText('待同步 4 项'));
    await shootTop(page, 'supervision-offline-queue');
    expect(await countInspections()).toBe(0);
    expect((await json<{ rows: ProblemRow[] }>(await admin.get(problemsPath))).rows.length).toBe(
      problemsBefore.rows.length,
    );

    // Back online: the queue syncs by itself.
    await context.setOffline(false);
    await visible(page.getByTestId('sync-count').getByText('全部已同步'));
    await visible(card.getByText('已提交 v1'));
    await card.click();
    await visible(page.getByText('已提交，修改须填写更正原因'));
    expect(await countInspections()).toBe(1);
    const problemsAfter = await json<{ rows: ProblemRow[] }>(await admin.get(problemsPath));
    const raised = problemsAfter.rows.filter((p) => !problemsBefore.rows.some((b) => b.id === p.id));
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ unitCode: unit.unitCode, photoCount: 1 });
    const problem = await json<{ photos: { url: string; thumbUrl: string }[] }>(
      await admin.get(`/api/problems/${(raised[0] as ProblemRow).id}`),
    );
    expect(problem.photos).toHaveLength(1);
    const photo = await admin.get((problem.photos[0] as { url: string }).url);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toContain('image/jpeg');
    const mine = await json<SheetView>(
      await inspector.get(`/api/rounds/${roundId}/units/${unit.unitCode}/sheet`),
    );
    expect(mine.mine?.version).toBe(1);
    expect(mine.mine?.methods).toEqual(['documents', 'site']);
    await visible(page.getByTestId('visit-methods').getByText('实地查看'));
    expect(mine.mine?.lines.find((l) => l.lineId === lines[0]?.id)?.photos).toHaveLength(1);

    // The ledger took each star's points, and the village's December score moved.
    const rankingAfter = await json<{ rows: RankingRow[] }>(await admin.get(rankingPath));
    const after = rankingAfter.rows.find((r) => r.unitCode === unit.unitCode) as RankingRow;
    expect(after.score).not.toBe(before.score);
    for (const star of sheet.stars) {
      if (!star.itemCode || star.itemMax === null) continue;
      const total = star.lines.reduce((n, l) => n + l.max, 0);
      const expected = ((total - (star.lines[0]?.max ?? 0) / 2) / total) * star.itemMax;
      const entries = await json<{
        entries: { points: number | null; enteredByName: string; current: boolean }[];
      }>(await admin.get(`/api/campaigns/WX2023/units/${unit.unitCode}/items/${star.itemCode}/entries`));
      const own = entries.entries.filter((e) => e.current && e.enteredByName === '督导组 李强');
      expect(own).toHaveLength(1);
      expect(own[0]?.points).toBeCloseTo(expected, 6);
    }

    // Syncing again, reloading, and replaying the very request change nothing.
    await page.getByRole('button', { name: '立即同步' }).click();
    await page.waitForTimeout(1000);
    await page.reload();
    await visible(page.getByText('已提交，修改须填写更正原因'));
    await visible(page.getByTestId('sync-count').getByText('全部已同步'));
    expect(await countInspections()).toBe(1);
    expect(sentSheetBody).not.toBeNull();
    const replay = await inspector.post('/api/inspections', JSON.parse(sentSheetBody ?? '{}'));
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { replayed: boolean }).replayed).toBe(true);
    const changed = JSON.parse(sentSheetBody ?? '{}') as { lines: { points: number }[] };
    (changed.lines[0] as { points: number }).points = 0;
    const refused = await inspector.post('/api/inspections', changed);
    expect(refused.status).toBe(409);
    expect(await countInspections()).toBe(1);
    expect((await json<{ rows: ProblemRow[] }>(await admin.get(problemsPath))).rows.length).toBe(
      problemsBefore.rows.length + 1,
    );
    const rankingAgain = await json<{ rows: RankingRow[] }>(await admin.get(rankingPath));
    expect(rankingAgain.rows.find((r) => r.unitCode === unit.unitCode)?.score).toBe(after.score);

    await page.goto(`${server.url}/inspections`);
    await visible(page.getByTestId(`unit-GM-2023-12-${unit.unitCode}`).getByText('已提交 v1'));
    await context.close();

    // The same pages on a desktop.
    const desktop = await newContext(browser, DESKTOP);
    const wide = await desktop.newPage();
    await loginAs(wide, server.url, 'inspector');
    await wide.goto(`${server.url}/inspections/${roundId}/${unit.unitCode}`);
    await visible(wide.getByText('已提交，修改须填写更正原因'));
    await shootTop(wide, 'supervision-sheet-desktop');
    await desktop.close();
  });

  it('opens the app and a cached sheet with no network at all (a cold start in the village)', async () => {
    const inspector = await httpLogin(server.url, 'inspector', 'wuxing2023');
    const { rounds } = (await (await inspector.get('/api/rounds')).json()) as { rounds: RoundSummary[] };
    const roundId = (rounds.find((r) => r.number === 'GM-2023-12') as RoundSummary).id;
    const detail = (await (await inspector.get(`/api/rounds/${roundId}`)).json()) as { units: RoundUnit[] };
    const units = detail.units.filter(
      (u) => u.streetCode === 'LX' && u.inspectors.some((i) => i.username === 'inspector'),
    );
    const [first, second] = units;
    if (!first || !second) throw new Error('the demo round needs two LX units for the inspector');

    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'inspector');
    await page.goto(`${server.url}/inspections`);
    await visible(page.getByText(/评分表已缓存 (\d+)\/\1，可离线使用/));
    // One sheet opened while online, as an inspector does before leaving: the app's code is then cached.
    await page.getByTestId(`unit-GM-2023-12-${first.unitCode}`).click();
    await visible(page.getByText('已缓存，可离线填写'));
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 15_000,
    });

    await context.setOffline(true);
    // A fresh start of the app with no network: the service worker serves the shell, IndexedDB the sheets.
    await page.goto(`${server.url}/inspections`);
    await visible(page.getByRole('heading', { name: '现场评分' }));
    await visible(page.getByTestId(`unit-GM-2023-12-${second.unitCode}`));
    await page.getByTestId(`unit-GM-2023-12-${second.unitCode}`).click();
    await page.waitForURL(`**/inspections/${roundId}/${second.unitCode}`);
    await visible(page.getByText('已缓存，可离线填写'));
    await visible(page.getByText(second.unitName).first());
    await context.setOffline(false);
    await context.close();
  });
});
