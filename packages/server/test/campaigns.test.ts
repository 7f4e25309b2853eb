import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Database } from '../src/db/createDb';
import { createUser } from '../src/services/user.service';
import { type Client, describeEachDialect, multipartFiles } from './harness';
import {
  sheetsToJson,
  sheetsToXlsx,
  sheetToCsv,
  withSheet,
  workedExampleSheets,
} from './workedExampleWorkbook';

type Table = 'campaigns' | 'units' | 'score_entries' | 'bonuses' | 'targets' | 'audit_log' | 'campaign_items';

async function count(database: Database, table: Table): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function counts(database: Database): Promise<Record<Table, number>> {
  const tables: Table[] = [
    'campaigns',
    'units',
    'score_entries',
    'bonuses',
    'targets',
    'audit_log',
    'campaign_items',
  ];
  const out = {} as Record<Table, number>;
  for (const t of tables) out[t] = await count(database, t);
  return out;
}

const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });

async function upload(c: Client, files: { name: string; content: Buffer | string }[]) {
  const { payload, headers } = multipartFiles(files);
  return c.request({ method: 'POST', url: '/api/campaigns/import', payload, headers });
}

interface RankingRow {
  rank: number;
  unitCode: string;
  parentCode: string | null;
  score: number;
  display: string;
  stars: Record<string, number | null>;
  change: number | null;
}

describeEachDialect('five-star campaigns: model, ledger, targets, rankings, workbooks', (env) => {
  it('seeds the demo district with a 2023 five-star campaign, December open and the rest locked', async () => {
    const admin = await env().login('admin');
    const list = await admin.get('/api/campaigns');
    expect(list.statusCode).toBe(200);
    const demo = list.json().campaigns.find((c: { code: string }) => c.code === 'WX2023');
    expect(demo).toMatchObject({ year: 2023, unitCount: 20, itemCount: 125, demo: true, prerequisite: 'ZB' });
    const detail = (await admin.get('/api/campaigns/WX2023')).json();
    expect(detail.modules).toEqual([
      { code: 'RC', name: '日常任务', budget: 30, kind: 'plan' },
      { code: 'DD', name: '督导观摩', budget: 40, kind: 'plan' },
      { code: 'DQ', name: '夺旗争先', budget: 10, kind: 'bonus' },
      { code: 'ND', name: '年度考核', budget: 20, kind: 'plan' },
    ]);
    expect(detail.locks.map((l: { month: string }) => l.month)).toEqual(
      Array.from({ length: 11 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`),
    );
    const targets = (await admin.get('/api/campaigns/WX2023/targets')).json();
    expect(targets.units).toHaveLength(20);
    for (const u of targets.units) {
      expect(u.effective[0]).toBe('ZB');
      expect(u.effective.length).toBeGreaterThanOrEqual(2);
      expect(u.effective.length).toBeLessThanOrEqual(4);
    }
    const ranking = (await admin.get('/api/campaigns/WX2023/ranking?period=2023')).json();
    const scores = ranking.rows.map((r: RankingRow) => r.score);
    expect(Math.max(...scores) - Math.min(...scores)).toBeGreaterThan(20);
    expect(ranking.rows.some((r: { rating: { count: number } }) => r.rating.count >= 2)).toBe(true);
  });

  it('creates a campaign from the default five-star template and refuses a duplicate code', async () => {
    const admin = await env().login('admin');
    const res = await admin.post('/api/campaigns', {
      code: 'T2024',
      name: '2024年度五星支部创建',
      year: 2024,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.stars.map((s: { code: string }) => s.code)).toEqual(['ZB', 'CY', 'ST', 'PA', 'WM']);
    expect(body.items).toHaveLength(125);
    expect(body.items[0]).toMatchObject({
      code: 'RC-ZB-01',
      star: 'ZB',
      module: 'RC',
      month: '2024-01',
      max: 10,
    });
    expect(body.unitCount).toBe(20);
    const again = await admin.post('/api/campaigns', { code: 'T2024', name: '重复', year: 2024 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ field: 'code', message: '方案编码 T2024 已存在' });
  });

  it('edits modules only when budgets add up to 100, naming the field, and freezes the model once a month is locked', async () => {
    const admin = await env().login('admin');
    await admin.post('/api/campaigns', { code: 'E2024', name: '编辑测试', year: 2024 });
    const bad = await put(admin, '/api/campaigns/E2024/modules', {
      modules: [
        { code: 'RC', name: '日常任务', budget: 30, kind: 'plan' },
        { code: 'DD', name: '督导观摩', budget: 30, kind: 'plan' },
        { code: 'DQ', name: '夺旗争先', budget: 10, kind: 'bonus' },
        { code: 'ND', name: '年度考核', budget: 20, kind: 'plan' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'budget', message: '各板块分值之和应为 100，当前为 90' });
    expect((await admin.get('/api/campaigns/E2024')).json().modules[1].budget).toBe(40);

    const good = await put(admin, '/api/campaigns/E2024/modules', {
      modules: [
        { code: 'RC', name: '日常任务', budget: 25, kind: 'plan' },
        { code: 'DD', name: '督导观摩', budget: 45, kind: 'plan' },
        { code: 'DQ', name: '夺旗争先', budget: 10, kind: 'bonus' },
        { code: 'ND', name: '年度考核', budget: 20, kind: 'plan' },
      ],
    });
    expect(good.statusCode).toBe(200);
    expect(good.json().modules.map((m: { budget: number }) => m.budget)).toEqual([25, 45, 10, 20]);

    const dropStar = await put(admin, '/api/campaigns/E2024/stars', {
      stars: [{ code: 'ZB', name: '支部过硬星' }],
    });
    expect(dropStar.statusCode).toBe(400);
    expect(dropStar.json().error.message).toContain('指标“RC-CY-01”的星编码“CY”不存在');

    const item = await admin.post('/api/campaigns/E2024/items', {
      code: 'RC-ZB-EXTRA',
      name: '专项任务',
      star: 'ZB',
      module: 'DQ',
      month: '2024-05',
      max: 10,
    });
    expect(item.statusCode).toBe(400);
    expect(item.json().error.field).toBe('module');
    const okItem = await admin.post('/api/campaigns/E2024/items', {
      code: 'RC-ZB-EXTRA',
      name: '专项任务',
      star: 'ZB',
      module: 'RC',
      month: '2024-05',
      max: 5,
      guidance: '按时完成得满分',
    });
    expect(okItem.statusCode).toBe(200);
    expect(okItem.json().items.find((i: { code: string }) => i.code === 'RC-ZB-EXTRA')).toMatchObject({
      max: 5,
      guidance: '按时完成得满分',
    });
    expect(
      (await admin.patch('/api/campaigns/E2024', { starLine: 85, prerequisite: 'XX' })).json().error.field,
    ).toBe('prerequisite');
    expect((await admin.patch('/api/campaigns/E2024', { starLine: 85 })).json().starLine).toBe(85);

    expect((await admin.post('/api/campaigns/E2024/locks', { month: '2023-12' })).json().error.field).toBe(
      'month',
    );
    const locked = await admin.post('/api/campaigns/E2024/locks', { month: '2024-01' });
    expect(locked.json().locks.map((l: { month: string }) => l.month)).toEqual(['2024-01']);
    const frozen = await put(admin, '/api/campaigns/E2024/modules', {
      modules: [
        { code: 'RC', name: '日常任务', budget: 30, kind: 'plan' },
        { code: 'DD', name: '督导观摩', budget: 40, kind: 'plan' },
        { code: 'DQ', name: '夺旗争先', budget: 10, kind: 'bonus' },
        { code: 'ND', name: '年度考核', budget: 20, kind: 'plan' },
      ],
    });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toContain('已有锁定月份（2024-01）');
    const renamed = await admin.patch('/api/campaigns/E2024/items/RC-ZB-EXTRA', { name: '专项任务（改）' });
    expect(renamed.statusCode).toBe(200);
    expect((await admin.patch('/api/campaigns/E2024/items/RC-ZB-EXTRA', { max: 8 })).statusCode).toBe(409);
  });

  it('enters scores with the max enforced; an inspector scores only the units assigned', async () => {
    const inspector = await env().login('inspector');
    const over = await inspector.post('/api/campaigns/WX2023/scores', {
      unitCode: 'LX-LX',
      itemCode: 'DD-ZB-12',
      points: 101,
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatchObject({ field: 'points' });
    expect(over.json().error.message).toContain('得分应在 0 到 100 之间');
    expect(
      (
        await inspector.post('/api/campaigns/WX2023/scores', {
          unitCode: 'LX-LX',
          itemCode: 'DD-ZB-12',
          points: -1,
        })
      ).statusCode,
    ).toBe(400);
    const ok = await inspector.post('/api/campaigns/WX2023/scores', {
      unitCode: 'LX-LX',
      itemCode: 'DD-ZB-12',
      points: 88,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().entry).toMatchObject({
      source: 'manual',
      points: 88,
      scorerName: '督导组 李强',
      current: true,
    });
    const outside = await inspector.post('/api/campaigns/WX2023/scores', {
      unitCode: 'RML-HZ',
      itemCode: 'DD-ZB-12',
      points: 88,
    });
    expect(outside.statusCode).toBe(403);
    const village = await env().login('village');
    expect(
      (
        await village.post('/api/campaigns/WX2023/scores', {
          unitCode: 'RML-HZ',
          itemCode: 'DD-ZB-12',
          points: 90,
        })
      ).statusCode,
    ).toBe(403);
    const na = await inspector.post('/api/campaigns/WX2023/scores', {
      unitCode: 'LX-ZZ',
      itemCode: 'DD-ZB-12',
      na: true,
    });
    expect(na.statusCode).toBe(200);
    expect(na.json().entry).toMatchObject({ na: true, points: null });
  });

  it('refuses a plain change in a locked month, accepts a correction with a reason, and keeps the old entry', async () => {
    const admin = await env().login('admin');
    const before = (await admin.get('/api/campaigns/WX2023/units/LX-LX/items/DD-ZB-03/entries')).json();
    expect(before.locked).toBe(true);
    expect(before.entries).toHaveLength(1);
    const seeded = before.entries[0];
    // The demo's 督导观摩 items of past months were imported in the name of 督导组 (日常任务 items take no
    // hand-entered score: the tasks' reviews write them).
    expect(seeded).toMatchObject({ scorerName: '督导组', source: 'import', current: true });

    const plain = await admin.post('/api/campaigns/WX2023/scores', {
      unitCode: 'LX-LX',
      itemCode: 'DD-ZB-03',
      points: 2,
      scorer: '督导组',
    });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.field).toBe('reason');
    expect(plain.json().error.message).toContain('2023-03 已锁定');
    const noReason = await admin.post(`/api/campaigns/WX2023/scores/${seeded.id}/correct`, { points: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');

    const rankBefore = (await admin.get('/api/campaigns/WX2023/ranking?period=2023-Q1&street=LX')).json();
    const corrected = await admin.post(`/api/campaigns/WX2023/scores/${seeded.id}/correct`, {
      points: 2,
      reason: '复核发现台账缺失',
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().entry).toMatchObject({
      source: 'correction',
      points: 2,
      reason: '复核发现台账缺失',
      supersedesId: seeded.id,
      scorer: '督导组',
      current: true,
    });
    expect(corrected.json().itemDisplay).toBe('2.00');
    const after = (await admin.get('/api/campaigns/WX2023/units/LX-LX/items/DD-ZB-03/entries')).json();
    expect(after.entries).toHaveLength(2);
    expect(after.entries[0]).toMatchObject({
      id: seeded.id,
      points: seeded.points,
      current: false,
      supersededBy: corrected.json().entry.id,
    });
    expect(after.score).toBe(2);
    const rankAfter = (await admin.get('/api/campaigns/WX2023/ranking?period=2023-Q1&street=LX')).json();
    const lx = (r: { rows: RankingRow[] }) => r.rows.find((x) => x.unitCode === 'LX-LX')?.score ?? 0;
    if (seeded.points !== 2) expect(lx(rankAfter)).toBeLessThan(lx(rankBefore));
    const stale = await admin.post(`/api/campaigns/WX2023/scores/${seeded.id}/correct`, {
      points: 3,
      reason: '再改',
    });
    expect(stale.statusCode).toBe(409);
  });

  it("replays the retry of a score that replaced the scorer's earlier one, instead of refusing its key", async () => {
    const inspector = await env().login('inspector');
    const body = { unitCode: 'LX-CZ', itemCode: 'DD-ZB-12', points: 6 };
    const first = await inspector.post('/api/campaigns/WX2023/scores', {
      ...body,
      idempotencyKey: 'replace-0001-a',
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = { ...body, points: 7, idempotencyKey: 'replace-0001-b' };
    const replaced = await inspector.post('/api/campaigns/WX2023/scores', second);
    expect(replaced.statusCode, replaced.body).toBe(200);
    const ledger = await count(env().database, 'score_entries');
    const retry = await inspector.post('/api/campaigns/WX2023/scores', second);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ replayed: true, entry: { id: replaced.json().entry.id } });
    expect(await count(env().database, 'score_entries')).toBe(ledger);
  });

  it('counts an idempotent resubmission once and refuses the same key with different content', async () => {
    const inspector = await env().login('inspector');
    const body = {
      unitCode: 'LX-JZ',
      itemCode: 'DD-ZB-12',
      points: 7,
      idempotencyKey: 'phone-1-0001-abcdef',
    };
    const ledger = await count(env().database, 'score_entries');
    const first = await inspector.post('/api/campaigns/WX2023/scores', body);
    expect(first.statusCode).toBe(200);
    expect(first.json().replayed).toBe(false);
    const again = await inspector.post('/api/campaigns/WX2023/scores', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, entry: { id: first.json().entry.id } });
    expect(await count(env().database, 'score_entries')).toBe(ledger + 1);
    const entries = (await inspector.get('/api/campaigns/WX2023/units/LX-JZ/items/DD-ZB-12/entries')).json()
      .entries;
    expect(entries.filter((e: { scorerName: string }) => e.scorerName === '督导组 李强')).toHaveLength(1);
    const different = await inspector.post('/api/campaigns/WX2023/scores', { ...body, points: 8 });
    expect(different.statusCode).toBe(409);
    expect(different.json().error).toMatchObject({ field: 'idempotencyKey' });
    expect(different.json().error.message).toContain('该幂等键已用于内容不同的另一次提交');
    expect(await count(env().database, 'score_entries')).toBe(ledger + 1);
  });

  it('runs the targets flow: a village declares (ZB forced in), its street approves or rejects, others may not', async () => {
    const ctx = env().system();
    await createUser(
      ctx,
      {
        username: 'street-rml',
        displayName: '人民路街道 管理员',
        role: 'street_admin',
        scopeUnitCode: 'RML',
        password: 'street-rml-pass',
      },
      { mustChangePassword: false },
    );
    const village = await env().login('village');
    const declared = await put(village, '/api/campaigns/WX2023/targets/RML-HZ', { stars: ['CY', 'WM'] });
    expect(declared.statusCode).toBe(200);
    expect(declared.json()).toMatchObject({ status: 'declared', declared: ['ZB', 'CY', 'WM'] });
    const approvedBefore = declared.json().approved;
    expect(declared.json().effective).toEqual(approvedBefore);
    expect((await put(village, '/api/campaigns/WX2023/targets/LX-LX', { stars: ['CY'] })).statusCode).toBe(
      403,
    );
    expect(
      (await put(village, '/api/campaigns/WX2023/targets/RML-HZ', { stars: ['XX'] })).json().error.field,
    ).toBe('stars');

    const otherStreet = await env().login('street');
    expect((await otherStreet.post('/api/campaigns/WX2023/targets/RML-HZ/approve')).statusCode).toBe(403);
    expect((await village.post('/api/campaigns/WX2023/targets/RML-HZ/approve')).statusCode).toBe(403);
    const rml = await env().login('street-rml', 'street-rml-pass');
    // January–November are locked: approving changes locked results, so it is a correction with a reason.
    const noReason = await rml.post('/api/campaigns/WX2023/targets/RML-HZ/approve');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({
      field: 'reason',
      message: '已有月份锁定：变更创建目标会改变已锁定月份的得分，须作为更正填写原因',
    });
    const approved = await rml.post('/api/campaigns/WX2023/targets/RML-HZ/approve', {
      reason: '年中调整创建目标',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approved: ['ZB', 'CY', 'WM'], declared: [] });
    expect(approved.json().effective).toEqual(['ZB', 'CY', 'WM']);
    expect(
      (await rml.post('/api/campaigns/WX2023/targets/RML-HZ/approve', { reason: '再次批准' })).statusCode,
    ).toBe(409);

    await put(village, '/api/campaigns/WX2023/targets/RML-HZ', { stars: ['ST'] });
    const rejected = await rml.post('/api/campaigns/WX2023/targets/RML-HZ/reject', {
      reason: '产业基础不足',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      approved: ['ZB', 'CY', 'WM'],
      rejected: ['ZB', 'ST'],
      note: '产业基础不足',
    });

    // The seeded pending declaration of 孙庄村 is for the 龙兴街道 admin.
    expect(
      (
        await otherStreet.post('/api/campaigns/WX2023/targets/LX-SZ/approve', {
          reason: '补报星级，经街道核实',
        })
      ).statusCode,
    ).toBe(200);
    const admin = await env().login('admin');
    expect((await put(admin, '/api/campaigns/WX2023/targets/LX-DY', { stars: ['PA'] })).statusCode).toBe(400);
    const set = await put(admin, '/api/campaigns/WX2023/targets/LX-DY', {
      stars: ['PA'],
      reason: '区级调整',
    });
    expect(set.json()).toMatchObject({ status: 'approved', effective: ['ZB', 'PA'] });
    const streetList = (await otherStreet.get('/api/campaigns/WX2023/targets')).json();
    expect(
      streetList.units.map((u: { unitCode: string }) => u.unitCode).every((c: string) => c.startsWith('LX-')),
    ).toBe(true);
  });

  it('cuts ranking rows to the caller’s part of the tree but keeps district-wide ranks', async () => {
    const admin = (
      await (await env().login('admin')).get('/api/campaigns/WX2023/ranking?period=2023-Q2')
    ).json();
    expect(admin.total).toBe(20);
    expect(admin.rows).toHaveLength(20);
    expect(admin.rows.map((r: RankingRow) => r.rank)).toEqual(
      [...admin.rows.map((r: RankingRow) => r.rank)].sort((a, b) => a - b),
    );
    expect(admin.previousPeriod).toBe('2023-Q1');
    const street = (
      await (await env().login('street')).get('/api/campaigns/WX2023/ranking?period=2023-Q2')
    ).json();
    expect(street.rows.map((r: RankingRow) => r.unitCode).sort()).toEqual(
      admin.rows
        .filter((r: RankingRow) => r.parentCode === 'LX')
        .map((r: RankingRow) => r.unitCode)
        .sort(),
    );
    for (const r of street.rows)
      expect(r).toEqual(admin.rows.find((a: RankingRow) => a.unitCode === r.unitCode));
    const village = (
      await (await env().login('village')).get('/api/campaigns/WX2023/ranking?period=2023-Q2')
    ).json();
    expect(village.rows.map((r: RankingRow) => r.unitCode)).toEqual(['RML-HZ']);
    const inspector = (
      await (await env().login('inspector')).get('/api/campaigns/WX2023/ranking?period=2023-Q2')
    ).json();
    expect(inspector.rows.every((r: RankingRow) => r.parentCode === 'LX')).toBe(true);
    expect(
      (await (await env().login('judge')).get('/api/campaigns/WX2023/ranking?period=2023-Q2')).statusCode,
    ).toBe(403);
    expect((await env().anonymous().get('/api/campaigns/WX2023/ranking?period=2023-Q2')).statusCode).toBe(
      401,
    );
    const bad = await (await env().login('admin')).get('/api/campaigns/WX2023/ranking?period=2023-Q5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('period');

    const streets = (
      await (await env().login('admin')).get('/api/campaigns/WX2023/ranking?period=2023&level=street')
    ).json();
    expect(streets.rows.map((r: RankingRow) => r.unitCode).sort()).toEqual(['GZ', 'LH', 'LX', 'RML']);
    expect(streets.rows.every((r: RankingRow) => r.parentCode === 'SL')).toBe(true);
    const ownStreet = (
      await (await env().login('street')).get('/api/campaigns/WX2023/ranking?period=2023&level=street')
    ).json();
    expect(ownStreet.rows.map((r: RankingRow) => r.unitCode)).toEqual(['LX']);
  });

  it('ranks a unit that moved mid-year in the street it belonged to at each period’s end', async () => {
    const admin = await env().login('admin');
    const unit = await env().system().repos.units.findByCode('GZ-YW');
    const gz = await env().system().repos.units.findByCode('GZ');
    if (!unit || !gz) throw new Error('demo units missing');
    expect((await admin.post(`/api/units/${unit.id}/move`, { parentCode: 'LH' })).statusCode).toBe(200);
    // The move happened "now" (after 2023): every 2023 period still sees 高庄街道.
    const y2023 = (await admin.get('/api/campaigns/WX2023/ranking?period=2023-06')).json();
    expect(y2023.rows.find((r: RankingRow) => r.unitCode === 'GZ-YW').parentCode).toBe('GZ');
    const filtered = (await admin.get('/api/campaigns/WX2023/ranking?period=2023-06&street=GZ')).json();
    expect(filtered.rows.map((r: RankingRow) => r.unitCode)).toContain('GZ-YW');
    // Put it back where the rest of the file expects it.
    expect((await admin.post(`/api/units/${unit.id}/move`, { parentCode: 'GZ' })).statusCode).toBe(200);
  });

  it('shows a unit profile: monthly trend and rank, per-star scores, item table and rating', async () => {
    const admin = await env().login('admin');
    const profile = (await admin.get('/api/campaigns/WX2023/units/LX-LX/profile')).json();
    expect(profile.months).toHaveLength(12);
    expect(profile.stars.map((s: { code: string }) => s.code)).toEqual(['ZB', 'CY', 'ST', 'PA', 'WM']);
    const targeted = profile.stars
      .filter((s: { targeted: boolean }) => s.targeted)
      .map((s: { code: string }) => s.code);
    expect(targeted).toEqual(profile.targets);
    expect(profile.items).toHaveLength(25 * profile.targets.length);
    expect(profile.rating.count).toBe(profile.rating.earned.length);
    const dec = (await admin.get('/api/campaigns/WX2023/ranking?period=2023-12')).json();
    const row = dec.rows.find((r: RankingRow) => r.unitCode === 'LX-LX');
    expect(profile.months[11]).toMatchObject({ month: '2023-12', rank: row.rank, display: row.display });
    expect(profile).toMatchObject({ rank: row.rank, display: row.display, total: 20 });
    const dd = profile.items.find((i: { code: string }) => i.code === 'DD-ZB-12');
    expect(dd.entries).toBeGreaterThanOrEqual(2);
    const sheet = (
      await (await env().login('inspector')).get('/api/campaigns/WX2023/units/LX-LX/items?month=2023-12')
    ).json();
    expect(
      sheet.items.every((i: { month: string; locked: boolean }) => i.month === '2023-12' && !i.locked),
    ).toBe(true);
    expect(sheet.items.find((i: { code: string }) => i.code === 'DD-ZB-12').mine).toMatchObject({
      points: 88,
      na: false,
    });
    expect(
      (await (await env().login('village')).get('/api/campaigns/WX2023/units/LX-LX/profile')).statusCode,
    ).toBe(403);
    expect(
      (await (await env().login('village')).get('/api/campaigns/WX2023/units/RML-HZ/profile')).statusCode,
    ).toBe(200);
  });

  it('adds a bonus (capped by the module in the score), idempotently, district admin only', async () => {
    const admin = await env().login('admin');
    const q = async () =>
      (await admin.get('/api/campaigns/WX2023/ranking?period=2023-12&street=LH'))
        .json()
        .rows.find((r: RankingRow) => r.unitCode === 'LH-LS');
    const before = await q();
    const body = {
      unitCode: 'LH-LS',
      star: 'ZB',
      month: '2023-12',
      points: 2,
      reason: '抗洪抢险表现突出',
      idempotencyKey: 'bonus-lhls-0001',
    };
    const res = await admin.post('/api/campaigns/WX2023/bonuses', body);
    expect(res.statusCode).toBe(200);
    expect(res.json().bonus).toMatchObject({ module: 'DQ', points: 2, source: 'manual' });
    expect((await admin.post('/api/campaigns/WX2023/bonuses', body)).json().replayed).toBe(true);
    const after = await q();
    expect(after.stars.ZB).toBeGreaterThan(before.stars.ZB);
    expect((await admin.post('/api/campaigns/WX2023/bonuses', { ...body, points: 3 })).statusCode).toBe(409);
    expect(
      (
        await admin.post('/api/campaigns/WX2023/bonuses', { ...body, idempotencyKey: undefined, points: 11 })
      ).json().error.field,
    ).toBe('points');
    const inspector = await env().login('inspector');
    expect(
      (
        await inspector.post('/api/campaigns/WX2023/bonuses', {
          ...body,
          unitCode: 'LX-LX',
          idempotencyKey: undefined,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('imports the worked example as xlsx, as a CSV set and as JSON with the same rankings', async () => {
    const admin = await env().login('admin');
    const xlsx = await upload(admin, [
      { name: '示例.xlsx', content: await sheetsToXlsx(workedExampleSheets('WEX')) },
    ]);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.json()).toMatchObject({ assessed: 3, items: 50, targets: 5, scores: 30, bonuses: 2 });
    const csvSet = workedExampleSheets('WEC').map((s) => ({ name: `${s.name}.csv`, content: sheetToCsv(s) }));
    const csv = await upload(admin, csvSet);
    expect(csv.statusCode).toBe(200);
    expect(csv.json()).toMatchObject({ units: { created: 0, unchanged: 5 }, scores: 30 });
    const json = await upload(admin, [
      { name: 'campaign.json', content: sheetsToJson(workedExampleSheets('WEJ')) },
    ]);
    expect(json.statusCode).toBe(200);
    const tables = [];
    for (const code of ['WEX', 'WEC', 'WEJ']) {
      const r = (await admin.get(`/api/campaigns/${code}/ranking?period=2023-Q1`)).json();
      tables.push(r.rows.map((x: RankingRow) => [x.rank, x.unitCode, x.display, x.stars]));
    }
    expect(tables[0]).toEqual([
      [1, 'C', '17.32', { ZB: 14.93, CY: 19.7 }],
      [2, 'B', '16.83', { ZB: 16.83, CY: null }],
      [3, 'A', '15.63', { ZB: 18, CY: 13.25 }],
    ]);
    expect(tables[1]).toEqual(tables[0]);
    expect(tables[2]).toEqual(tables[0]);
    const street = (await admin.get('/api/campaigns/WEX/ranking?period=2023-01&level=street')).json();
    expect(street.rows).toMatchObject([{ unitCode: 'S1', display: '5.19', parentCode: 'D0' }]);
    const drill = (await admin.get('/api/campaigns/WEX/units/A/items/DD-ZB-02/entries')).json();
    expect(drill.entries).toMatchObject([
      { scorer: '督导组', scorerName: '督导组', points: 85, source: 'import', current: true },
    ]);
  });

  it('exports a whole campaign and its ranking as the workbook of SCORING.md, and the export imports back', async () => {
    const admin = await env().login('admin');
    const json = await admin.get('/api/campaigns/WEX/export?format=json');
    expect(json.statusCode).toBe(200);
    const doc = JSON.parse(json.body);
    expect(Object.keys(doc)).toEqual(['方案', '单位', '星', '板块', '创建目标', '指标', '得分', '加分']);
    expect(doc.方案).toEqual([
      { 编码: 'WEX', 名称: '示例方案（SCORING.md）', 年度: 2023, 评星线: 80, 前置星: 'ZB', 去极值: '是' },
    ]);
    expect(doc.单位.map((u: Record<string, string>) => `${u.编码}/${u.类型}/${u.上级编码 ?? ''}`)).toEqual([
      'D0/区/',
      'S1/街道/D0',
      'A/村/S1',
      'B/村/S1',
      'C/社区/S1',
    ]);
    expect(doc.得分).toHaveLength(30);
    expect(doc.得分[0]).toEqual({
      单位编码: 'A',
      指标编码: 'DD-CY-01',
      得分: 70,
      评分人: '督导组',
      不适用: '否',
    });
    doc.方案[0].编码 = 'WEX2';
    const back = await upload(admin, [{ name: 'round-trip.json', content: JSON.stringify(doc) }]);
    expect(back.statusCode).toBe(200);
    const a = (await admin.get('/api/campaigns/WEX/ranking?period=2023-02')).json().rows;
    const b = (await admin.get('/api/campaigns/WEX2/ranking?period=2023-02')).json().rows;
    expect(b).toEqual(a);

    const xlsx = await admin.get('/api/campaigns/WEX/export?format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const again = await upload(admin, [{ name: 'x.xlsx', content: xlsx.rawPayload }]);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details[0]).toMatchObject({ sheet: '方案', row: 2, column: '编码' });
    const csv = await admin.get('/api/campaigns/WEX/export?format=csv&sheet=得分');
    expect(csv.body.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('单位编码,指标编码,得分,评分人,不适用');
    expect((await admin.get('/api/campaigns/WEX/export?format=csv')).json().error.field).toBe('sheet');

    const ranking = await admin.get('/api/campaigns/WEX/ranking/export?period=2023-Q1&format=csv');
    expect(ranking.statusCode).toBe(200);
    expect(
      ranking.body
        .replace(/^\ufeff/, '')
        .split('\r\n')
        .slice(0, 2),
    ).toEqual(['排名,单位编码,单位名称,上级,得分,ZB,CY,较上期', '1,C,丙社区,示例街道,17.32,14.93,19.70,']);
    const streetCsv = await (await env().login('street')).get(
      '/api/campaigns/WEX/ranking/export?period=2023-Q1&format=json',
    );
    expect(JSON.parse(streetCsv.body)).toEqual({ 排名: [] });
  });

  it('refuses a malformed workbook as a whole, naming sheet, row and column for every error', async () => {
    const admin = await env().login('admin');
    const before = await counts(env().database);
    let sheets = workedExampleSheets('BAD');
    sheets = withSheet(sheets, '指标', (s) => {
      (s.rows[0] as (string | number)[])[4] = '2023/13';
      (s.rows[1] as (string | number)[])[2] = 'QQ';
      return s;
    });
    sheets = withSheet(sheets, '得分', (s) => {
      (s.rows[4] as (string | number)[])[2] = 120;
      (s.rows[5] as (string | number)[])[2] = '九十';
      return s;
    });
    sheets = withSheet(sheets, '板块', (s) => {
      (s.rows[3] as (string | number)[])[2] = 30;
      // A word naming an Object.prototype member is no module kind.
      (s.rows[0] as (string | number)[])[3] = 'constructor';
      return s;
    });
    sheets = withSheet(sheets, '加分', (s) => ({
      ...s,
      rows: [...s.rows, ['A', 'ZB', 'DQ', '2024-01', 1, '跨年']],
    }));
    sheets = withSheet(sheets, '单位', (s) => ({
      ...s,
      rows: [...s.rows, ['E', '戊村', '村', 'NOWHERE', '']],
    }));
    const res = await upload(admin, [{ name: 'bad.xlsx', content: await sheetsToXlsx(sheets) }]);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.field).toBe('file');
    expect(error.message).toMatch(/^导入失败：发现 \d+ 处错误，未做任何修改$/);
    const where = error.details.map(
      (d: { sheet: string; row: number; column: string }) => `${d.sheet}!${d.row}!${d.column}`,
    );
    expect(where).toEqual(
      expect.arrayContaining([
        '指标!2!月份',
        '指标!3!星编码',
        '得分!6!得分',
        '得分!7!得分',
        '板块!5!分值',
        '板块!2!类型',
        '加分!4!月份',
      ]),
    );
    for (const d of error.details) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await counts(env().database)).toEqual(before);

    // The 单位 sheet's parent problems are found too, once the rest is clean.
    const onlyUnits = withSheet(workedExampleSheets('BAD2'), '单位', (s) => ({
      ...s,
      rows: [...s.rows, ['E', '戊村', '村', 'NOWHERE', '']],
    }));
    const units = await upload(admin, [{ name: 'bad2.xlsx', content: await sheetsToXlsx(onlyUnits) }]);
    expect(units.json().error.details).toEqual([
      { sheet: '单位', row: 7, column: '上级编码', message: '上级编码 NOWHERE 不存在' },
    ]);
    expect(await counts(env().database)).toEqual(before);

    const notXlsx = await upload(admin, [
      { name: 'photo.xlsx', content: Buffer.from('GIF89a not a workbook') },
    ]);
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error).toMatchObject({
      field: 'file',
      message: '无法读取Excel文件：文件已损坏或不是 .xlsx 格式',
    });
    const exe = await upload(admin, [{ name: 'virus.exe', content: Buffer.from('MZ') }]);
    expect(exe.json().error.message).toContain('不支持的文件类型');
    const strayCsv = await upload(admin, [
      {
        name: '方案.csv',
        content: sheetToCsv(workedExampleSheets('BAD3')[0] ?? { name: '', headers: [], rows: [] }),
      },
      { name: 'notes.csv', content: 'a,b\r\n1,2\r\n' },
    ]);
    expect(strayCsv.json().error.details).toEqual([
      {
        sheet: 'notes.csv',
        message: '文件名应为工作表名：方案、单位、星、板块、创建目标、指标、得分 或 加分（如 得分.csv）',
      },
    ]);
    const noCampaign = await upload(admin, [
      {
        name: '得分.csv',
        content: sheetToCsv(workedExampleSheets()[6] ?? { name: '', headers: [], rows: [] }),
      },
    ]);
    expect(noCampaign.json().error.details).toEqual([{ sheet: '方案', message: '缺少“方案”工作表' }]);
    expect(await counts(env().database)).toEqual(before);
    expect((await upload(await env().login('street'), [{ name: 'x.json', content: '{}' }])).statusCode).toBe(
      403,
    );
  });

  it('never answers random score submissions with a 5xx, and a refused one writes nothing', async () => {
    const inspector = await env().login('inspector');
    const anything = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const body = fc.record(
      {
        unitCode: fc.oneof(
          fc.constantFrom('LX-LX', 'LX-SZ', 'RML-HZ', 'NOPE', ''),
          fc.string({ maxLength: 70 }),
        ),
        itemCode: fc.oneof(
          fc.constantFrom('DD-ZB-12', 'RC-ZB-01', 'ND-ZB-12', 'XX-1'),
          fc.string({ maxLength: 10 }),
        ),
        points: fc.oneof(fc.double({ min: -50, max: 150 }), fc.integer({ min: -5, max: 200 }), anything),
        na: fc.oneof(fc.boolean(), anything),
        reason: fc.oneof(fc.string({ maxLength: 600 }), anything),
        scorer: fc.oneof(fc.string({ maxLength: 70 }), anything),
        idempotencyKey: fc.oneof(
          fc.constantFrom('prop-key-00000001', 'prop-key-00000002'),
          fc.string({ maxLength: 110 }),
          anything,
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const before = await count(env().database, 'score_entries');
        const res = await inspector.post('/api/campaigns/WX2023/scores', b);
        expect(res.statusCode).toBeLessThan(500);
        const after = await count(env().database, 'score_entries');
        if (res.statusCode !== 200 || res.json().replayed) expect(after).toBe(before);
        else expect(after).toBe(before + 1);
      }),
      { numRuns: 120 },
    );
  });

  it('never answers a workbook with random cells with a 5xx, and a refused one changes nothing', async () => {
    const admin = await env().login('admin');
    const cell = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -20, max: 200 }),
      fc.double({ min: -1, max: 101, noNaN: true }),
      fc.constantFrom(
        '',
        '是',
        '否',
        '2023-02',
        '2023-13',
        'ZB',
        'CY',
        'A',
        'B',
        'RC-ZB-01',
        'DQ',
        '村',
        '区',
      ),
    );
    const sheetNames = ['方案', '单位', '星', '板块', '创建目标', '指标', '得分', '加分'];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sheetNames),
        fc.array(fc.array(cell, { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (name, rows, replace) => {
          const code = `PROP${++n}`;
          const sheets = withSheet(workedExampleSheets(code), name, (s) => ({
            ...s,
            rows: replace ? rows : [...s.rows, ...rows],
          }));
          const before = await counts(env().database);
          const res = await upload(admin, [{ name: 'random.xlsx', content: await sheetsToXlsx(sheets) }]);
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode !== 200) {
            expect(await counts(env().database)).toEqual(before);
            for (const d of res.json().error.details ?? []) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
