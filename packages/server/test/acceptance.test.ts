import { expect, it } from 'vitest';
import { createCampaign } from '../src/services/campaign.service';
import { sourceOfRound } from '../src/services/problem.service';
import { type Client, describeEachDialect, type TestEnv } from './harness';
import { makeInspector, type RoundJson, roundId, type SheetJson, sheet } from './supervisionHelpers';

/**
 * 年度验收 annual acceptance rounds (round kind `acceptance`): the rules of creating one, the default ND-SHEET,
 * the demo round YS-2023 that produces every ND item of the demo year, and — on a fresh campaign — exactly the
 * numbers SCORING.md says an acceptance sheet moves: the ND item is the trimmed mean of the scorers' star totals
 * rescaled to the item, S(ZB, Dec) rises by B(ND)·e/X = 20·e/100, and the star follows the 80 line.
 */

const TEAM = ['ys-1', 'ys-2', 'ys-3', 'ys-4', 'ys-5'];

interface RatingRow {
  unitCode: string;
  count: number;
  stars: { star: string; score: number; earned: boolean }[];
}

interface RoundView {
  id: string;
  number: string;
  kind: string;
  scored: boolean;
  month: string;
  status: string;
  templateCode: string;
  done: number;
  total: number;
  closedAt: string | null;
  mine: { done: number; total: number } | null;
}

describeEachDialect('annual acceptance (年度验收)', (env) => {
  it('seeds YS-2023: ND-SHEET, the five-member team on every unit, every sheet in, closed at the end of December', async () => {
    const admin = await env().login('admin');
    const rounds = (await admin.get('/api/rounds?campaign=WX2023')).json().rounds as RoundView[];
    const ys = rounds.find((r) => r.number === 'YS-2023');
    expect(ys).toMatchObject({
      kind: 'acceptance',
      scored: true,
      month: '2023-12',
      status: 'closed',
      templateCode: 'ND-SHEET',
      done: 20,
      total: 20,
      closedAt: '2023-12-29T09:30:00.000Z',
    });
    const detail = (await admin.get(`/api/rounds/${ys?.id}`)).json() as RoundJson & {
      round: { name: string; startsOn: string; endsOn: string };
    };
    expect(detail.round).toMatchObject({
      name: '2023年度五星支部创建验收',
      startsOn: '2023-12-18',
      endsOn: '2023-12-29',
    });
    for (const u of detail.units) {
      expect(u.inspectors.map((i) => i.username).sort()).toEqual(TEAM);
      expect(u.inspectors.every((i) => i.version === 1)).toBe(true);
    }
    const template = (await admin.get('/api/campaigns/WX2023/sheet-templates/ND-SHEET')).json();
    expect(template).toMatchObject({
      code: 'ND-SHEET',
      name: '年度验收评分表',
      module: 'ND',
      rule: 'trimmed',
      roundCount: 1,
      frozen: true,
    });
    for (const star of ['ZB', 'CY', 'ST', 'PA', 'WM']) {
      const lines = (template.lines as { star: string; max: number; guidance: string | null }[]).filter(
        (l) => l.star === star,
      );
      expect(lines.map((l) => l.max)).toEqual([25, 25, 25, 25]);
      expect(lines.every((l) => (l.guidance ?? '').length > 20)).toBe(true);
    }
    // The team has no standing assignment: the other rounds never name them.
    for (const number of ['DD-2023-10', 'DD-2023-11', 'GM-2023-12']) {
      const r = (await admin.get(`/api/rounds/${await roundId(admin, number)}`)).json() as RoundJson;
      expect(
        r.units.flatMap((u) => u.inspectors.map((i) => i.username)).some((n) => n.startsWith('ys-')),
      ).toBe(false);
    }
  });

  it('every ND entry of the demo year is an acceptance-team sheet total, and the 2023 ratings are as the README says', async () => {
    const db = env().database.db;
    const campaign = await db
      .selectFrom('campaigns')
      .select('id')
      .where('code', '=', 'WX2023')
      .executeTakeFirstOrThrow();
    const team = await db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role'])
      .where('username', 'in', TEAM)
      .execute();
    expect(team.map((u) => u.username).sort()).toEqual(TEAM);
    expect(team.every((u) => u.role === 'inspector' && u.display_name.startsWith('验收组 '))).toBe(true);
    const teamIds = new Set(team.map((u) => u.id));
    const entries = await db
      .selectFrom('score_entries as e')
      .innerJoin('campaign_items as i', 'i.id', 'e.item_id')
      .select(['e.unit_id', 'e.item_id', 'e.scorer', 'e.points', 'e.source', 'e.idempotency_key', 'i.star'])
      .where('e.campaign_id', '=', campaign.id)
      .where('i.module', '=', 'ND')
      .execute();
    // 63 (unit, targeted star) items, five scorers each, nothing else.
    expect(entries).toHaveLength(63 * 5);
    expect(entries.every((e) => e.source === 'sheet' && teamIds.has(e.scorer))).toBe(true);
    expect(entries.every((e) => e.idempotency_key.startsWith('seed:YS-2023:'))).toBe(true);
    // Each entry is its scorer's star total on the sheet (100-point sheet, 100-point item).
    const lines = await db
      .selectFrom('inspections as s')
      .innerJoin('inspection_rounds as r', 'r.id', 's.round_id')
      .innerJoin('inspection_lines as l', 'l.inspection_id', 's.id')
      .innerJoin('sheet_template_lines as t', 't.id', 'l.line_id')
      .select(['s.unit_id', 's.inspector_id', 't.star', 'l.points'])
      .where('r.number', '=', 'YS-2023')
      .execute();
    const totals = new Map<string, number>();
    for (const l of lines) {
      const key = `${l.unit_id}|${l.inspector_id}|${l.star}`;
      totals.set(key, (totals.get(key) ?? 0) + Number(l.points));
    }
    expect(totals.size).toBe(63 * 5);
    for (const e of entries) expect(Number(e.points)).toBe(totals.get(`${e.unit_id}|${e.scorer}|${e.star}`));

    const admin = await env().login('admin');
    const res = await admin.get('/api/campaigns/WX2023/star-ratings');
    expect(res.statusCode, res.body).toBe(200);
    const counts = Object.fromEntries(
      (res.json().summary as { count: number; units: number }[]).map((s) => [s.count, s.units]),
    );
    expect(counts).toEqual({ 5: 0, 4: 5, 3: 1, 2: 2, 1: 2, 0: 10 });
  });

  it('shows an acceptance-team member their own sheets of the closed round, not the others’ totals', async () => {
    const ys1 = await env().login('ys-1');
    const list = (await ys1.get('/api/rounds')).json().rounds as RoundView[];
    expect(list.map((r) => r.number)).toEqual(['YS-2023']);
    expect(list[0]?.mine).toEqual({ done: 20, total: 20 });
    const id = list[0]?.id ?? '';
    const s = (await sheet(ys1, id, 'RML-HZ')) as SheetJson & {
      mine: { version: number; lines: { points: number }[] } | null;
    };
    expect(s.round.status).toBe('closed');
    expect(s.mine?.version).toBe(1);
    expect(s.stars.every((st) => st.itemCode === `ND-${st.star}-12` && st.itemMax === 100)).toBe(true);
    expect(s.mine?.lines).toHaveLength(s.stars.length * 4);
    expect(s.submittedCount).toBe(5);
    const detail = (await ys1.get(`/api/rounds/${id}`)).json() as RoundJson;
    const hz = detail.units.find((u) => u.unitCode === 'RML-HZ');
    expect(hz?.inspectors.find((i) => i.username === 'ys-1')?.totals).not.toBeNull();
    expect(hz?.inspectors.filter((i) => i.username !== 'ys-1').every((i) => i.totals === null)).toBe(true);
  });

  it('creates ND-SHEET on request and refuses a default for a module that has none', async () => {
    await createCampaign(env().system(), {
      code: 'YS2024',
      name: '2024年度验收测试',
      year: 2024,
      template: 'five-star',
    });
    const admin = await env().login('admin');
    const street = await env().login('street');
    expect((await street.post('/api/campaigns/YS2024/sheet-templates/default?module=ND')).statusCode).toBe(
      403,
    );
    const bad = await admin.post('/api/campaigns/YS2024/sheet-templates/default?module=RC');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('module');
    const made = await admin.post('/api/campaigns/YS2024/sheet-templates/default?module=ND');
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({
      code: 'ND-SHEET',
      name: '年度验收评分表',
      module: 'ND',
      rule: 'trimmed',
    });
    expect(made.json().lines).toHaveLength(20);
    expect((await admin.post('/api/campaigns/YS2024/sheet-templates/default?module=ND')).statusCode).toBe(
      409,
    );
    // Without a module it is still the supervision sheet.
    expect((await admin.post('/api/campaigns/YS2024/sheet-templates/default')).json().code).toBe('DD-SHEET');
  });

  it('takes an acceptance round only on an ND template, in December, scored, from a district admin; numbers YS-YYYY', async () => {
    await createCampaign(env().system(), {
      code: 'YS2025',
      name: '2025年度验收测试',
      year: 2025,
      template: 'five-star',
    });
    await createCampaign(env().system(), {
      code: 'YS2025B',
      name: '2025年度第二方案',
      year: 2025,
      template: 'five-star',
    });
    const admin = await env().login('admin');
    for (const code of ['YS2025', 'YS2025B'])
      for (const module of ['ND', 'DD'])
        expect(
          (await admin.post(`/api/campaigns/${code}/sheet-templates/default?module=${module}`)).statusCode,
        ).toBe(200);
    const body = {
      campaign: 'YS2025',
      name: '2025年度验收',
      kind: 'acceptance',
      month: '2025-12',
      templateCode: 'ND-SHEET',
      startsOn: '2025-12-15',
      endsOn: '2025-12-26',
    };
    const refused = async (
      client: Client,
      patch: Record<string, unknown>,
      status: number,
      field?: string,
    ) => {
      const before = await countRounds(env());
      const res = await client.post('/api/rounds', { ...body, ...patch });
      expect(res.statusCode, res.body).toBe(status);
      if (field) expect(res.json().error.field).toBe(field);
      expect(await countRounds(env())).toBe(before);
    };
    await refused(admin, { templateCode: 'DD-SHEET' }, 400, 'templateCode');
    await refused(admin, { month: '2025-11' }, 400, 'month');
    await refused(admin, { month: '2026-12' }, 400, 'month');
    await refused(admin, { scored: false }, 400, 'scored');
    await refused(admin, { streetCode: 'LX' }, 400, 'streetCode');
    await refused(await env().login('street'), {}, 403);
    await refused(await env().login('inspector'), {}, 403);
    await refused(await env().login('ys-1'), {}, 403);

    const made = await admin.post('/api/rounds', body);
    expect(made.statusCode, made.body).toBe(200);
    const round = made.json() as RoundJson & { round: { kind: string; scored: boolean; month: string } };
    expect(round.round).toMatchObject({
      number: 'YS-2025',
      kind: 'acceptance',
      scored: true,
      month: '2025-12',
    });
    // Assigned as other rounds: without assignments, each street's standing inspector.
    const lx = round.units.find((u) => u.unitCode === 'LX-LX');
    expect(lx?.inspectors.map((i) => i.username)).toEqual(['inspector']);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'round.create')
      .where('entity_id', '=', round.round.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ kind: 'acceptance', number: 'YS-2025' });
    // One scored acceptance per campaign year (the ND items of December are taken).
    await refused(admin, {}, 409, 'month');
    // Another campaign of the same year gets the next number.
    const other = await admin.post('/api/rounds', { ...body, campaign: 'YS2025B' });
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json().round.number).toBe('YS-2025-2');
  });

  it('moves exactly the numbers SCORING.md says: trimmed mean of star totals → ND item, S(ZB, Dec) + 20·e/100, the 80 line', async () => {
    const code = 'YSN2025';
    await createCampaign(env().system(), { code, name: '验收计分测试', year: 2025, template: 'five-star' });
    const admin = await env().login('admin');
    expect((await admin.post(`/api/campaigns/${code}/sheet-templates/default?module=ND`)).statusCode).toBe(
      200,
    );
    // LX-LX targets ZB only (the prerequisite; nothing declared). RC all 10/10 → 30; DD all 95/100 → 38.
    const ctx = env().system();
    const campaign = await ctx.repos.campaigns.findByCode(code);
    const unit = await ctx.repos.units.findByCode('LX-LX');
    if (!campaign || !unit) throw new Error('fixture');
    const items = await ctx.repos.campaigns.items(campaign.id);
    await ctx.repos.scores.insertMany(
      items
        .filter((i) => i.star === 'ZB' && (i.module === 'RC' || i.module === 'DD'))
        .map((i) => ({
          id: `${code}-${i.code}`,
          campaign_id: campaign.id,
          unit_id: unit.id,
          item_id: i.id,
          scorer: 'fixture',
          points: i.module === 'RC' ? 10 : 95,
          na: 0,
          source: 'manual',
          reason: null,
          supersedes_id: null,
          idempotency_key: `${code}-${i.code}`,
          entered_by: null,
          entered_by_name: null,
          entered_at: ctx.now,
        })),
    );
    const scorers: Client[] = [];
    for (let k = 1; k <= 5; k++) scorers.push(await makeInspector(env(), `ysn-${k}`, []));
    const made = await admin.post('/api/rounds', {
      campaign: code,
      name: '验收计分',
      kind: 'acceptance',
      month: '2025-12',
      templateCode: 'ND-SHEET',
      startsOn: '2025-12-15',
      endsOn: '2025-12-26',
      assignments: [1, 2, 3, 4, 5].map((k) => ({ unitCode: 'LX-LX', username: `ysn-${k}` })),
    });
    expect(made.statusCode, made.body).toBe(200);
    const id = (made.json() as RoundJson).round.id;

    const zbScore = async () => {
      const rows = (await admin.get(`/api/campaigns/${code}/ranking?period=2025-12`)).json().rows as {
        unitCode: string;
        score: number;
        stars: Record<string, number | null>;
      }[];
      return rows.find((r) => r.unitCode === 'LX-LX');
    };
    const rating = async () => {
      const rows = (await admin.get(`/api/campaigns/${code}/star-ratings`)).json().rows as RatingRow[];
      return rows.find((r) => r.unitCode === 'LX-LX');
    };
    const ndEntries = async () =>
      (await admin.get(`/api/campaigns/${code}/units/LX-LX/items/ND-ZB-12/entries`)).json() as {
        score: number | null;
        entries: { points: number; current: boolean; source: string }[];
      };

    // Before the acceptance: S = 30 + 38 = 68, no ND, no star.
    expect((await zbScore())?.score).toBe(68);
    expect(await rating()).toMatchObject({ count: 0, stars: [{ star: 'ZB', score: 68, earned: false }] });

    let n = 0;
    const submit = async (client: Client, points: number[], extra: Record<string, unknown> = {}) => {
      const s = await sheet(client, id, 'LX-LX');
      expect(s.stars.map((st) => [st.star, st.itemCode, st.itemMax])).toEqual([['ZB', 'ND-ZB-12', 100]]);
      const lines = s.stars[0]?.lines ?? [];
      expect(lines.map((l) => l.max)).toEqual([25, 25, 25, 25]);
      const res = await client.post('/api/inspections', {
        idempotencyKey: `ysn-sheet-${++n}`,
        roundId: id,
        unitCode: 'LX-LX',
        baseVersion: s.mine?.version ?? 0,
        visitedAt: '2025-12-16T02:00:00.000Z',
        lines: lines.map((l, i) => ({ lineId: l.id, points: points[i] ?? 0 })),
        ...extra,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().itemScores as { star: string; itemCode: string; score: number }[];
    };
    const [s1, s2, s3, s4, s5] = scorers as [Client, Client, Client, Client, Client];
    // Star totals 70, 50, 40, 62 (line points below): fewer than five scorers → plain mean 55.5.
    await submit(s1, [25, 20, 15, 10]);
    expect((await ndEntries()).score).toBe(70);
    expect((await zbScore())?.score).toBe(68 + (20 * 70) / 100); // 82: one scorer alone would carry the star
    await submit(s2, [15, 10, 15, 10]);
    await submit(s3, [10, 10, 10, 10]);
    const four = await submit(s4, [20, 15, 15, 12]);
    expect(four).toEqual([{ star: 'ZB', itemCode: 'ND-ZB-12', score: 55.5 }]);
    expect((await zbScore())?.score).toBe(68 + (20 * 55.5) / 100); // 79.1
    expect(await rating()).toMatchObject({ count: 0, stars: [{ star: 'ZB', score: 79.1, earned: false }] });

    // The fifth (total 85): trimmed — drop 85 and 40 — e = (50 + 62 + 70) / 3 = 60.666…
    const five = await submit(s5, [25, 20, 20, 20]);
    const e = (50 + 62 + 70) / 3;
    expect(five[0]?.score).toBe(e);
    const nd = await ndEntries();
    expect(nd.score).toBe(e);
    expect(
      nd.entries
        .filter((x) => x.current)
        .map((x) => x.points)
        .sort((a, b) => a - b),
    ).toEqual([40, 50, 62, 70, 85]);
    const after = await zbScore();
    expect(after?.score).toBeCloseTo(68 + (20 * e) / 100, 10); // 80.1333…
    expect(after?.stars.ZB).toBe(80.13);
    const earned = await rating();
    expect(earned).toMatchObject({ count: 1, stars: [{ star: 'ZB', earned: true }] });
    expect(earned?.stars[0]?.score).toBeCloseTo(68 + (20 * e) / 100, 10);

    // A correction to 58 (sheet total) drops e to (50 + 58 + 70) / 3 = 59.33…: S = 79.87, the star is lost.
    await submit(s4, [20, 15, 15, 8], { reason: '复核：第四项扣分漏记' });
    expect((await zbScore())?.score).toBeCloseTo(68 + (20 * (178 / 3)) / 100, 10);
    const lost = await rating();
    expect(lost).toMatchObject({ count: 0, stars: [{ star: 'ZB', earned: false }] });
    expect(lost?.stars[0]?.score).toBeCloseTo(79.8666666667, 9);
    // Corrected again to 60: e = 60 exactly, S = 68 + 12 = 80 — on the line, which earns the star.
    await submit(s4, [20, 15, 15, 10], { reason: '再次复核：按细则扣分' });
    expect((await ndEntries()).score).toBe(60);
    expect((await zbScore())?.score).toBe(80);
    expect(await rating()).toMatchObject({ count: 1, stars: [{ star: 'ZB', score: 80, earned: true }] });
    const corrected = (await ndEntries()).entries.filter((x) => x.source === 'correction');
    expect(corrected.map((x) => [x.points, x.current])).toEqual(
      expect.arrayContaining([
        [58, false],
        [60, true],
      ]),
    );
  });
});

async function countRounds(env: TestEnv): Promise<number> {
  const row = await env.database.db
    .selectFrom('inspection_rounds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

it('a problem found in an acceptance round is sourced 年度验收, not 督导 (a covert round stays 明察暗访)', () => {
  expect(sourceOfRound('acceptance', 'regular')).toBe('acceptance');
  expect(sourceOfRound('acceptance', 'covert')).toBe('covert');
  expect(sourceOfRound('supervision', 'regular')).toBe('supervision');
});
