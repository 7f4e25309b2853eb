import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  CourtyardApplicationListView,
  CourtyardCeremonyView,
  CourtyardHouseholdView,
  CourtyardStatsView,
  CourtyardTodoView,
  HouseholdListView,
  HouseholdView,
} from '../src/contracts/courtyard';
import { type Client, describeEachDialect, multipartFiles } from './harness';
import { makeInspector, uploadJpeg } from './supervisionHelpers';

/**
 * 五美庭院 over HTTP. A campaign pair made here (WM-2029 closed, WM-2030 with quotas of one place at district and
 * city level) with households A–E of 何庄村 whose figures are counted by hand; and the demo's WM-2023 checked
 * against counts straight from the tables.
 */

const five = (a: number, b: number, c: number, d: number, e: number) => ({
  ZJ: a,
  WS: b,
  LH: c,
  WM: d,
  HX: e,
});
const P = '/api/courtyard-campaigns';

async function xlsxRows(body: Buffer, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  const rows: unknown[][] = [];
  ws?.eachRow((r) => {
    rows.push((r.values as unknown[]).slice(1));
  });
  return rows;
}

describeEachDialect('五美庭院 courtyard evaluation', (env) => {
  let admin: Client;
  let village: Client;
  let street: Client;
  let inspector: Client;
  let rml: Client;
  const code: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };
  const post = async (c: Client, url: string, body: unknown, status = 200) => {
    const res = await c.post(url, body);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
    return res.json();
  };
  const evaluate = (c: Client, h: string, scores: Record<string, number>, key: string, extra = {}) =>
    c.post(`${P}/WM-2030/households/${h}/evaluations`, { idempotencyKey: key, scores, ...extra });
  const nominate = (c: Client, h: string, body: Record<string, unknown>) =>
    c.post(`${P}/WM-2030/households/${h}/nominate`, body);

  beforeAll(async () => {
    admin = await env().login('admin');
    village = await env().login('village');
    street = await env().login('street');
    inspector = await env().login('inspector');
    rml = await env().login('inspector-rml');
  });

  describe('the demo (WM-2023)', () => {
    it('has 1,000 households with 287 district-level and 51 city-level ones, as the tables count them', async () => {
      const db = env().database.db;
      const households = await db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('type', '=', 'household')
        .executeTakeFirstOrThrow();
      expect(Number(households.n)).toBe(1000);
      const byLevel = await sql<{ level: string; n: number }>`
        select a.level, count(*) as n from courtyard_applications a
        join courtyard_campaigns c on c.id = a.campaign_id where c.code = 'WM-2023' group by a.level`.execute(
        db,
      );
      const level = (l: string) => Number(byLevel.rows.find((r) => r.level === l)?.n ?? 0);
      expect(level('district')).toBe(287);
      expect(level('city')).toBe(51);

      const stats = (await admin.get(`${P}/WM-2023/stats`)).json() as CourtyardStatsView;
      expect(stats.total.levels).toEqual({
        village: level('village'),
        street: level('street'),
        district: 287,
        city: 51,
      });
      expect(stats.total.households).toBe(1000);
      expect(stats.quotas.find((q) => q.level === 'district')).toEqual({
        level: 'district',
        threshold: 90,
        quota: 300,
        used: 287,
      });
      expect(stats.quotas.find((q) => q.level === 'city')).toMatchObject({ quota: 60, used: 51 });
      // Per street, straight from the tables.
      const perStreet = await sql<{ code: string; n: number; named: number; evaluated: number }>`
        select s.code, count(*) as n,
          sum(case when a.level <> 'none' then 1 else 0 end) as named,
          sum(case when a.score is not null then 1 else 0 end) as evaluated
        from courtyard_applications a
        join courtyard_campaigns c on c.id = a.campaign_id
        join units h on h.id = a.household_id join units v on v.id = h.parent_id join units s on s.id = v.parent_id
        where c.code = 'WM-2023' group by s.code`.execute(db);
      for (const r of perStreet.rows) {
        const row = stats.streets.find((s) => s.code === r.code);
        expect(row?.applications, r.code).toBe(Number(r.n));
        expect(row?.named, r.code).toBe(Number(r.named));
        expect(row?.evaluated, r.code).toBe(Number(r.evaluated));
      }
      expect(stats.streets.map((s) => s.code)).toEqual(['RML', 'LX', 'GZ', 'LH']);
      expect(stats.villages).toHaveLength(20);
      // The funnel: 申报 ≥ 村确认 ≥ 街道确认 ≥ 已评分 ≥ 命名 ≥ … ≥ 市级, ending at the 51.
      const funnel = stats.funnel.map((f) => f.count);
      expect(funnel).toEqual([...funnel].sort((a, b) => b - a));
      expect(stats.funnel.at(-1)).toMatchObject({ stage: 'city', count: 51 });
      expect(stats.funnel.find((f) => f.stage === 'district')?.count).toBe(287 + 51);
      // Change against WM-2022, from its table rows.
      const prev = await sql<{ level: string; n: number }>`
        select a.level, count(*) as n from courtyard_applications a
        join courtyard_campaigns c on c.id = a.campaign_id where c.code = 'WM-2022' group by a.level`.execute(
        db,
      );
      const prevLevel = (l: string) => Number(prev.rows.find((r) => r.level === l)?.n ?? 0);
      expect(stats.change.previous?.code).toBe('WM-2022');
      for (const l of stats.change.levels) {
        expect(l.previous, l.level).toBe(prevLevel(l.level));
        expect(l.delta, l.level).toBe(l.current - prevLevel(l.level));
      }
      const demotions = await sql<{ n: number }>`
        select count(*) as n from courtyard_level_events e join courtyard_campaigns c on c.id = e.campaign_id
        where c.code = 'WM-2023' and e.kind = 'demote'`.execute(db);
      expect(stats.change.demoted).toBe(Number(demotions.rows[0]?.n));
      expect(stats.change.demoted).toBeGreaterThan(0);

      const ceremony = (await admin.get(`${P}/WM-2023/ceremony`)).json() as CourtyardCeremonyView;
      expect([ceremony.city, ceremony.district, ceremony.rows.length]).toEqual([51, 287, 338]);
      expect(ceremony.rows.slice(0, 51).every((r) => r.level === 'city' && r.approvedBy === '市妇联')).toBe(
        true,
      );
      expect(ceremony.rows.filter((r) => r.level === 'city').every((r) => r.plaque)).toBe(true);
    });

    it('gives 何庄村 households in every state and the inspector households to score', async () => {
      const list = (
        await village.get(`${P}/WM-2023/applications?pageSize=100`)
      ).json() as CourtyardApplicationListView;
      expect(list.rows.every((r) => r.villageCode === 'RML-HZ')).toBe(true);
      expect(list.counts.applied).toBeGreaterThan(0);
      expect(list.counts.village_confirmed).toBeGreaterThan(0);
      expect(list.counts.street_confirmed).toBeGreaterThan(0);
      expect(list.counts.rejected).toBeGreaterThan(0);
      expect(new Set(list.rows.map((r) => r.level))).toEqual(
        new Set(['none', 'village', 'street', 'district', 'city']),
      );
      const rejected = list.rows.find((r) => r.status === 'rejected');
      expect(rejected?.rejectReason).toBeTruthy();
      // Some 何庄村 households have not applied: the browser test applies for one.
      const hz = (
        await village.get('/api/households?villageCode=RML-HZ&pageSize=5')
      ).json() as HouseholdListView;
      expect(hz.total).toBe(50);
      expect(hz.rows.map((r) => r.code)).toEqual([
        'RML-HZ-H0001',
        'RML-HZ-H0002',
        'RML-HZ-H0003',
        'RML-HZ-H0004',
        'RML-HZ-H0005',
      ]);
      expect(list.total).toBeLessThan(50);
      // Those that may still apply: no application, or a rejected one (34 of the 50 applied, 2 were rejected).
      const open = (
        await village.get('/api/households?notAppliedIn=WM-2023&pageSize=100')
      ).json() as HouseholdListView;
      expect(open.total).toBe(50 - list.total + list.counts.rejected);
      expect(open.total).toBe(18);
      const applied = new Set(list.rows.filter((r) => r.status !== 'rejected').map((r) => r.householdCode));
      expect(open.rows.filter((r) => applied.has(r.code))).toEqual([]);
      const fresh = open.rows.find((r) => !list.rows.some((a) => a.householdCode === r.code));
      const page = (
        await village.get(`${P}/WM-2023/households/${fresh?.code}`)
      ).json() as CourtyardHouseholdView;
      expect([page.application, page.nextLevel, page.evaluations]).toEqual([null, null, []]);
      expect(page.may).toEqual({
        apply: true,
        confirmVillage: false,
        confirmStreet: false,
        reject: false,
        evaluate: false,
        nominate: false,
        demote: false,
        award: false,
      });
      // The demoted one keeps its history.
      const demoted = list.rows.find(
        (r) =>
          r.level === 'village' &&
          r.score !== null &&
          r.score < 85 &&
          r.levelChangedAt?.startsWith('2023-12'),
      );
      expect(demoted).toBeDefined();
      const detail = (
        await village.get(`${P}/WM-2023/households/${demoted?.householdCode}`)
      ).json() as CourtyardHouseholdView;
      expect(detail.levelEvents.map((e) => `${e.kind}:${e.fromLevel}>${e.toLevel}`)).toEqual([
        'nominate:none>village',
        'nominate:village>street',
        'demote:street>village',
      ]);
      expect(detail.levelEvents.at(-1)?.reason).toContain('复评');
      expect(detail.evaluations.filter((e) => e.current)).toHaveLength(2);
      expect(detail.evaluations.find((e) => e.version === 2)?.correctionReason).toBe('复评');

      const todo = (await inspector.get(`${P}/WM-2023/evaluations/todo`)).json() as CourtyardTodoView;
      expect(todo.todo).toBeGreaterThanOrEqual(14);
      expect(todo.rows.every((r) => r.streetCode === 'LX' && r.status === 'street_confirmed')).toBe(true);
      expect(todo.rows[0]?.myTotal).toBeNull();
      // An inspector assigned one village sees only its households.
      const only = await makeInspector(env(), 'cy-insp', ['LX-SZ']);
      const one = (await only.get(`${P}/WM-2023/evaluations/todo`)).json() as CourtyardTodoView;
      expect(one.rows.length).toBeGreaterThan(0);
      expect(one.rows.every((r) => r.villageCode === 'LX-SZ')).toBe(true);
    });

    it('keeps households out of the unit tree unless asked', async () => {
      const units = (await admin.get('/api/units')).json().units as {
        type: string;
        code: string;
        childCount: number;
      }[];
      expect(units.filter((u) => u.type === 'household')).toEqual([]);
      expect(units.find((u) => u.code === 'LX-LX')?.childCount).toBe(0);
      const withHouseholds = (await admin.get('/api/units?households=true')).json().units as {
        type: string;
      }[];
      expect(withHouseholds.filter((u) => u.type === 'household')).toHaveLength(1000);
      const typed = (await admin.get('/api/units?type=household&q=RML-HZ-H004')).json().units as {
        code: string;
      }[];
      expect(typed.map((u) => u.code)).toHaveLength(10);
    });
  });

  describe('a campaign counted by hand', () => {
    it('creates households with the village’s next codes, and refuses outsiders', async () => {
      for (const [k, head] of [
        ['A', '甲一'],
        ['B', '乙二'],
        ['C', '丙三'],
        ['D', '丁四'],
        ['E', '戊五'],
      ] as const) {
        const h = (await post(village, '/api/households', {
          villageCode: 'RML-HZ',
          headName: head,
          address: `何庄村九组${k}号`,
          members: [
            { name: head, relation: '户主' },
            { name: `${head}妻`, relation: '配偶' },
          ],
        })) as HouseholdView;
        code[k] = h.code;
        expect(h).toMatchObject({
          name: `${head}户`,
          memberCount: 2,
          villageName: '何庄村',
          streetCode: 'RML',
        });
      }
      expect(Object.values(code)).toEqual([
        'RML-HZ-H0051',
        'RML-HZ-H0052',
        'RML-HZ-H0053',
        'RML-HZ-H0054',
        'RML-HZ-H0055',
      ]);
      expect(
        (await street.post('/api/households', { villageCode: 'RML-HZ', headName: '外人', address: 'x' }))
          .statusCode,
      ).toBe(403);
      const bad = await village.post('/api/households', {
        villageCode: 'RML-HZ',
        headName: '',
        address: 'x',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('headName');
      // A code of the village's own pattern only (<village>-H<digits>): not free text, not another village's.
      for (const wrong of ['RML-HZ-X1', 'LX-SZ-H0099', 'RML-HZ-H', 'RML-HZ-H12a']) {
        const res = await village.post('/api/households', {
          villageCode: 'RML-HZ',
          code: wrong,
          headName: '错码',
          address: '何庄村',
        });
        expect([res.statusCode, res.json().error.field], wrong).toEqual([400, 'code']);
      }
      const edited = (
        await village.patch(`/api/households/${code.E}`, { phone: '13900000000' })
      ).json() as HouseholdView;
      expect(edited.phone).toBe('13900000000');
      const audit = (await admin.get('/api/audit?entity=household&limit=2')).json().entries as {
        action: string;
      }[];
      expect(audit.map((a) => a.action)).toEqual(['household.update', 'household.create']);
      // A household made in the unit tree has no profile until edited here: its unit name stands for the head.
      await post(admin, '/api/units', {
        code: 'GZ-GZ-X1',
        name: '树上户',
        type: 'household',
        parentCode: 'GZ-GZ',
      });
      const bare = (await admin.get('/api/households?q=树上户')).json() as HouseholdListView;
      expect(bare.rows.map((r) => [r.code, r.headName, r.address, r.memberCount])).toEqual([
        ['GZ-GZ-X1', '树上户', '', 1],
      ]);
      const filled = (
        await admin.patch('/api/households/GZ-GZ-X1', { headName: '树上', address: '高庄村1号' })
      ).json();
      expect([filled.headName, filled.name, filled.address]).toEqual(['树上', '树上户', '高庄村1号']);
    });

    it('runs last year’s campaign WM-2029', async () => {
      await post(admin, P, { code: 'WM-2029', year: 2029, name: '2029年度五美庭院创建' });
      await post(village, `${P}/WM-2029/applications`, { householdCodes: [code.A, code.B], confirm: true });
      for (const h of [code.A, code.B])
        await post(admin, `${P}/WM-2029/applications/${h}/confirm`, { stage: 'street' });
      await post(admin, `${P}/WM-2029/households/${code.A}/evaluations`, {
        idempotencyKey: 'wm2029-a-admin',
        scores: five(18, 18, 18, 19, 19),
      });
      await post(admin, `${P}/WM-2029/households/${code.B}/evaluations`, {
        idempotencyKey: 'wm2029-b-admin',
        scores: five(16, 16, 16, 16, 17),
      });
      for (const level of ['village', 'street', 'district'])
        await post(admin, `${P}/WM-2029/households/${code.A}/nominate`, { level });
      await post(admin, `${P}/WM-2029/households/${code.B}/nominate`, { level: 'village' });
      const closed = await admin.patch(`${P}/WM-2029`, { status: 'closed' });
      expect(closed.json().status).toBe('closed');
      expect((await village.post(`${P}/WM-2029/applications`, { householdCodes: [code.C] })).statusCode).toBe(
        409,
      );
    });

    it('applies and confirms through the village and the street, one application per household', async () => {
      const created = await post(admin, P, {
        code: 'WM-2030',
        year: 2030,
        name: '2030年度五美庭院创建',
        levels: {
          village: { threshold: 80, quota: null },
          street: { threshold: 85, quota: null },
          district: { threshold: 90, quota: 1 },
          city: { threshold: 95, quota: 1 },
        },
      });
      expect(created.standards.map((s: { name: string }) => s.name)).toEqual([
        '整洁美',
        '卫生美',
        '绿化美',
        '文明美',
        '和谐美',
      ]);
      expect(created.maxTotal).toBe(100);
      const applied = await post(village, `${P}/WM-2030/applications`, {
        householdCodes: [code.A, code.B, code.C, code.D, code.E],
      });
      expect(applied.rows.map((r: { status: string }) => r.status)).toEqual(Array(5).fill('applied'));
      const again = await village.post(`${P}/WM-2030/applications`, { householdCodes: [code.A] });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.field).toBe('householdCodes');
      expect((await street.post(`${P}/WM-2030/applications`, { householdCodes: [code.A] })).statusCode).toBe(
        403,
      );
      for (const h of [code.A, code.B, code.C, code.D, code.E])
        await post(village, `${P}/WM-2030/applications/${h}/confirm`, { stage: 'village' });
      // 龙兴街道's admin is not 何庄村's street.
      expect(
        (await street.post(`${P}/WM-2030/applications/${code.A}/confirm`, { stage: 'street' })).statusCode,
      ).toBe(403);
      expect(
        (await village.post(`${P}/WM-2030/applications/${code.A}/confirm`, { stage: 'street' })).statusCode,
      ).toBe(403);
      for (const h of [code.A, code.B, code.D, code.E])
        await post(admin, `${P}/WM-2030/applications/${h}/confirm`, { stage: 'street' });
      const twice = await admin.post(`${P}/WM-2030/applications/${code.A}/confirm`, { stage: 'street' });
      expect(twice.statusCode).toBe(409);
      const noReason = await admin.post(`${P}/WM-2030/applications/${code.C}/reject`, { reason: ' ' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.field).toBe('reason');
      const rejected = await post(admin, `${P}/WM-2030/applications/${code.C}/reject`, {
        reason: '庭院正在翻修',
      });
      expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '庭院正在翻修' });
      // Only street-confirmed applications are scored.
      expect((await evaluate(admin, code.C, five(18, 18, 18, 18, 18), 'wm2030-c-admin')).statusCode).toBe(
        409,
      );
    });

    it('scores with photos from several evaluators: the mean of each one’s latest total, retries counted once', async () => {
      const photo = await uploadJpeg(rml, code.A, 'wm2030-a-photo-1');
      const body = { notes: { LH: '花木茂盛' }, photoKeys: [photo] };
      const first = await evaluate(rml, code.A, five(19, 19, 19, 18.5, 19.5), 'wm2030-a-rml-1', body);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().evaluation).toMatchObject({ total: 95, version: 1, current: true });
      expect(first.json().evaluation.photos.map((p: { key: string }) => p.key)).toEqual([photo]);
      expect(first.json().application.score).toBe(95);
      // The same key and content again: the stored evaluation, nothing new.
      const replay = await evaluate(rml, code.A, five(19, 19, 19, 18.5, 19.5), 'wm2030-a-rml-1', body);
      expect(replay.json()).toMatchObject({ replayed: true, evaluation: { id: first.json().evaluation.id } });
      const reused = await evaluate(rml, code.A, five(10, 19, 19, 18.5, 19.5), 'wm2030-a-rml-1', body);
      expect(reused.statusCode).toBe(409);
      expect(reused.json().error.field).toBe('idempotencyKey');
      const second = await evaluate(admin, code.A, five(18, 19, 19, 19, 19), 'wm2030-a-admin-1');
      expect(second.json().application).toMatchObject({ score: 94.5, evaluatorCount: 2 });
      // Out of range, one decimal, every standard.
      const over = await evaluate(admin, code.B, five(21, 18, 18, 18, 18), 'wm2030-b-bad-1');
      expect([over.statusCode, over.json().error.field]).toEqual([400, 'scores.ZJ']);
      const missing = await evaluate(admin, code.B, { ZJ: 18 }, 'wm2030-b-bad-2');
      expect(missing.json().error.field).toBe('scores.WS');
      for (const [scores, field] of [
        [five(18, 18.25, 18, 18, 18), 'scores.WS'],
        [five(18, 18, -1, 18, 18), 'scores.LH'],
        [five(18, 18, 18, 18, 20.1), 'scores.HX'],
      ] as const) {
        const res = await evaluate(admin, code.B, scores, `wm2030-b-bad-${field}`);
        expect([res.statusCode, res.json().error.field]).toEqual([400, field]);
      }
      // Outside the inspector's assignment, and village users: refused.
      expect((await evaluate(inspector, code.A, five(18, 18, 18, 18, 18), 'wm2030-a-lx-1')).statusCode).toBe(
        403,
      );
      expect((await evaluate(village, code.A, five(18, 18, 18, 18, 18), 'wm2030-a-v-1')).statusCode).toBe(
        403,
      );
      // A correction needs a reason; then it is the evaluator's latest: (96 + 94) / 2 = 95.
      const noReason = await evaluate(rml, code.A, five(19, 19, 19, 19.5, 19.5), 'wm2030-a-rml-2');
      expect([noReason.statusCode, noReason.json().error.field]).toEqual([400, 'correctionReason']);
      const corrected = await evaluate(rml, code.A, five(19, 19, 19, 19.5, 19.5), 'wm2030-a-rml-3', {
        correctionReason: '复核照片后更正',
      });
      expect(corrected.json().evaluation).toMatchObject({ version: 2, total: 96 });
      expect(corrected.json().application.score).toBe(95);
      await post(admin, `${P}/WM-2030/households/${code.B}/evaluations`, {
        idempotencyKey: 'wm2030-b-admin',
        scores: five(17, 17, 17, 17, 18),
      });
      // Another evaluator sending the same key and body is not a re-sync of the first one's evaluation.
      const foreign = await evaluate(rml, code.B, five(17, 17, 17, 17, 18), 'wm2030-b-admin');
      expect([foreign.statusCode, foreign.json().error.field]).toEqual([409, 'idempotencyKey']);
      await post(admin, `${P}/WM-2030/households/${code.D}/evaluations`, {
        idempotencyKey: 'wm2030-d-admin',
        scores: five(19, 19, 19, 19, 19),
      });
      await post(admin, `${P}/WM-2030/households/${code.E}/evaluations`, {
        idempotencyKey: 'wm2030-e-admin',
        scores: five(18.5, 18.5, 18.5, 18.5, 19),
      });
      const a = (await village.get(`${P}/WM-2030/households/${code.A}`)).json() as CourtyardHouseholdView;
      expect(a.evaluations.map((e) => [e.evaluatorName, e.version, e.current, e.total])).toEqual([
        ['督导组 刘洋', 2, true, 96],
        ['区委组织部 王敏', 1, true, 94],
        ['督导组 刘洋', 1, false, 95],
      ]);
      expect(
        a.evaluations.find((e) => e.version === 1 && !e.current)?.scores.find((s) => s.standardCode === 'LH')
          ?.note,
      ).toBe('花木茂盛');
      expect(a.nextLevel).toMatchObject({ level: 'village', threshold: 80, eligible: true });
      // "Mine" is by account, not by name: each evaluator sees only their own versions marked.
      const seenBy = async (c: Client) =>
        ((await c.get(`${P}/WM-2030/households/${code.A}`)).json() as CourtyardHouseholdView).evaluations.map(
          (e) => [e.evaluatorName, e.version, e.mine],
        );
      expect(await seenBy(rml)).toEqual([
        ['督导组 刘洋', 2, true],
        ['区委组织部 王敏', 1, false],
        ['督导组 刘洋', 1, true],
      ]);
      expect(await seenBy(admin)).toEqual([
        ['督导组 刘洋', 2, false],
        ['区委组织部 王敏', 1, true],
        ['督导组 刘洋', 1, false],
      ]);
      expect(a.evaluations.map((e) => e.mine)).toEqual([false, false, false]);
      expect(a.may).toMatchObject({ nominate: true, evaluate: false, apply: false });
    });

    it('nominates one level at a time, within thresholds and quotas, the city with its approver', async () => {
      const skip = await nominate(admin, code.A, { level: 'street' });
      expect([skip.statusCode, skip.json().error.field]).toEqual([400, 'level']);
      expect((await nominate(street, code.A, { level: 'village' })).statusCode).toBe(403);
      expect((await nominate(village, code.A, { level: 'village' })).statusCode).toBe(200);
      // Street, district and city levels are not the village's to give.
      expect((await nominate(village, code.A, { level: 'street' })).statusCode).toBe(403);
      expect((await nominate(admin, code.A, { level: 'street' })).statusCode).toBe(200);
      expect((await nominate(admin, code.A, { level: 'district' })).statusCode).toBe(200);
      const noApprover = await nominate(admin, code.A, { level: 'city' });
      expect([noApprover.statusCode, noApprover.json().error.field]).toEqual([400, 'approvedBy']);
      const city = await nominate(admin, code.A, { level: 'city', approvedBy: '市妇联' });
      expect(city.json().application.level).toBe('city');
      expect(city.json().levelEvents.at(-1)).toMatchObject({
        kind: 'nominate',
        toLevel: 'city',
        approvedBy: '市妇联',
        score: 95,
      });

      await post(village, `${P}/WM-2030/households/${code.B}/nominate`, { level: 'village' });
      await post(admin, `${P}/WM-2030/households/${code.B}/nominate`, { level: 'street' });
      const low = await nominate(admin, code.B, { level: 'district' });
      expect(low.statusCode).toBe(400);
      expect(low.json().error).toMatchObject({
        field: 'level',
        message: '区级分数线为90分，该户得分86分，未达到',
      });

      for (const level of ['village', 'street', 'district'])
        await post(admin, `${P}/WM-2030/households/${code.D}/nominate`, { level });
      for (const level of ['village', 'street'])
        await post(admin, `${P}/WM-2030/households/${code.E}/nominate`, { level });
      // District quota 1: D holds it (A, at city level, does not count against it).
      const full = await nominate(admin, code.E, { level: 'district' });
      expect(full.statusCode).toBe(409);
      expect(full.json().error.field).toBe('quota');
      expect(full.json().error.message).toContain('已达名额上限 1');
      const cityFull = await nominate(admin, code.D, { level: 'city', approvedBy: '市妇联' });
      expect([cityFull.statusCode, cityFull.json().error.field]).toEqual([409, 'quota']);
    });

    it('records a demotion with reason and evidence, keeps the history, frees the place', async () => {
      const url = `${P}/WM-2030/households/${code.D}/demote`;
      const empty = await admin.post(url, { level: 'street', reason: '' });
      expect([empty.statusCode, empty.json().error.field]).toEqual([400, 'reason']);
      const up = await admin.post(url, { level: 'city', reason: '错误' });
      expect([up.statusCode, up.json().error.field]).toEqual([400, 'level']);
      expect((await village.post(url, { level: 'street', reason: '复评不达标' })).statusCode).toBe(403);
      const photo = await uploadJpeg(admin, code.D, 'wm2030-d-evidence');
      const demoted = (await post(admin, url, {
        level: 'street',
        reason: '复评：院内杂物堆放',
        photoKeys: [photo],
      })) as CourtyardHouseholdView;
      expect(demoted.application?.level).toBe('street');
      expect(demoted.levelEvents.map((e) => `${e.kind}:${e.fromLevel}>${e.toLevel}`)).toEqual([
        'nominate:none>village',
        'nominate:village>street',
        'nominate:street>district',
        'demote:district>street',
      ]);
      expect(demoted.levelEvents.at(-1)).toMatchObject({ reason: '复评：院内杂物堆放' });
      expect(demoted.levelEvents.at(-1)?.photos.map((p) => p.key)).toEqual([photo]);
      // The district place D held is free again.
      expect((await nominate(admin, code.E, { level: 'district' })).statusCode).toBe(200);
    });

    it('records awards at the household’s level', async () => {
      const url = `${P}/WM-2030/households/${code.A}/awards`;
      expect(
        (await village.post(url, { kind: 'plaque', description: '市级示范户', givenOn: '2030-12-20' }))
          .statusCode,
      ).toBe(403);
      await post(admin, url, {
        kind: 'plaque',
        description: '市级五美庭院示范户',
        givenOn: '2030-12-20',
        givenBy: '市妇联',
      });
      const h = (await post(admin, url, {
        kind: 'material',
        description: '奖励金',
        amount: 500,
        givenOn: '2030-12-20',
      })) as CourtyardHouseholdView;
      expect(h.awards.map((w) => [w.kind, w.level, w.givenBy, w.amount])).toEqual([
        ['plaque', 'city', '市妇联', null],
        ['material', 'city', '区委组织部 王敏', 500],
      ]);
      const none = await admin.post(`${P}/WM-2030/households/${code.C}/awards`, {
        kind: 'plaque',
        description: 'x',
        givenOn: '2030-12-20',
      });
      expect(none.statusCode).toBe(409);
    });

    it('counts the statistics by hand, with the change against WM-2029, and exports them', async () => {
      const s = (await admin.get(`${P}/WM-2030/stats?streetCode=RML`)).json() as CourtyardStatsView;
      const hz = s.villages.find((v) => v.code === 'RML-HZ');
      // A city, B street, C rejected, D street (demoted), E district.
      const expected = {
        households: 55,
        applications: 5,
        villageConfirmed: 5,
        streetConfirmed: 4,
        rejected: 1,
        evaluated: 4,
        levels: { village: 0, street: 2, district: 1, city: 1 },
        named: 4,
      };
      expect(hz).toMatchObject(expected);
      expect(s.streets).toEqual([
        { ...expected, code: 'RML', name: '人民路街道', streetCode: null, streetName: null, households: 255 },
      ]);
      expect(s.villages.map((v) => v.applications)).toEqual([5, 0, 0, 0, 0]);
      expect(s.funnel.map((f) => f.count)).toEqual([5, 5, 4, 4, 4, 4, 2, 1]);
      // Each stage as a share of the 5 applications.
      expect(s.funnel.map((f) => f.rate)).toEqual([100, 100, 80, 80, 80, 80, 40, 20]);
      expect(s.change).toEqual({
        previous: { code: 'WM-2029', name: '2029年度五美庭院创建', year: 2029 },
        levels: [
          { level: 'village', current: 0, previous: 1, delta: -1 },
          { level: 'street', current: 2, previous: 0, delta: 2 },
          { level: 'district', current: 1, previous: 1, delta: 0 },
          { level: 'city', current: 1, previous: 0, delta: 1 },
        ],
        named: 4,
        previousNamed: 2,
        newlyNamed: 2,
        dropped: 0,
        demoted: 1,
      });
      expect(s.quotas.filter((q) => q.quota !== null)).toEqual([
        { level: 'district', threshold: 90, quota: 1, used: 1 },
        { level: 'city', threshold: 95, quota: 1, used: 1 },
      ]);
      expect(s.awards).toEqual({ plaques: 1, materials: 1, materialAmount: 500 });
      // The village user sees their village; 龙兴街道's admin has nothing in this campaign.
      const own = (await village.get(`${P}/WM-2030/stats`)).json() as CourtyardStatsView;
      expect([own.scope, own.villages.map((v) => v.code), own.total.applications]).toEqual([
        'village',
        ['RML-HZ'],
        5,
      ]);
      const lx = (await street.get(`${P}/WM-2030/stats`)).json() as CourtyardStatsView;
      expect([lx.scope, lx.total.applications, lx.streets.map((r) => r.code)]).toEqual(['street', 0, ['LX']]);

      const xlsx = await admin.get(`${P}/WM-2030/stats?format=xlsx&streetCode=RML`);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const streets = await xlsxRows(xlsx.rawPayload, '街道统计');
      expect(streets[1]).toEqual([
        '街道编码',
        '街道',
        '住户数',
        '申报',
        '村确认',
        '街道确认',
        '退回',
        '已评分',
        '村级',
        '街道级',
        '区级',
        '市级',
        '命名合计',
      ]);
      expect(streets[2]).toEqual(['RML', '人民路街道', 255, 5, 5, 4, 1, 4, 0, 2, 1, 1, 4]);
      expect((await xlsxRows(xlsx.rawPayload, '漏斗')).slice(2).map((r) => r[1])).toEqual([
        5, 5, 4, 4, 4, 4, 2, 1,
      ]);

      const ceremony = (await admin.get(`${P}/WM-2030/ceremony`)).json() as CourtyardCeremonyView;
      expect(ceremony.rows.map((r) => [r.householdCode, r.level, r.plaque, r.approvedBy])).toEqual([
        [code.A, 'city', true, '市妇联'],
        [code.E, 'district', false, null],
      ]);
      const sheet = await xlsxRows(
        (await admin.get(`${P}/WM-2030/ceremony?format=xlsx`)).rawPayload,
        '表彰名单',
      );
      expect(sheet.slice(2).map((r) => [r[0], r[3], r[9]])).toEqual([
        ['市级', code.A, '已挂牌'],
        ['区级', code.E, '未挂牌'],
      ]);
    });
  });

  describe('checks and races', () => {
    it('authorizes before reading what the request names', async () => {
      // 龙兴街道's admin may not apply anywhere: 403 even for a household that does not exist.
      const ghost = await street.post(`${P}/WM-2030/applications`, { householdCodes: ['RML-HZ-H9999'] });
      expect(ghost.statusCode).toBe(403);
      // An inspector may not demote or award: 403 before the campaign or the application is read.
      const demote = await rml.post(`${P}/WM-1999/households/${code.B}/demote`, {
        level: 'none',
        reason: 'x',
      });
      expect(demote.statusCode).toBe(403);
      const award = await rml.post(`${P}/WM-1999/households/${code.B}/awards`, {
        kind: 'plaque',
        description: 'x',
        givenOn: '2030-12-20',
      });
      expect(award.statusCode).toBe(403);
    });

    it('gives the last place of a quota to exactly one of two nominations sent at once', async () => {
      await post(admin, P, {
        code: 'WM-2031',
        year: 2031,
        name: '2031年度五美庭院创建',
        levels: {
          village: { threshold: 80, quota: 1 },
          street: { threshold: 85, quota: null },
          district: { threshold: 90, quota: 300 },
          city: { threshold: 95, quota: 60 },
        },
      });
      const url = (h: string, what: string) => `${P}/WM-2031/households/${h}/${what}`;
      await post(village, `${P}/WM-2031/applications`, { householdCodes: [code.B, code.D], confirm: true });
      for (const h of [code.B, code.D]) {
        await post(admin, `${P}/WM-2031/applications/${h}/confirm`, { stage: 'street' });
        await post(admin, url(h, 'evaluations'), {
          idempotencyKey: `wm2031-${h}`,
          scores: five(18, 18, 18, 18, 18),
        });
      }
      const [b, d] = await Promise.all([
        admin.post(url(code.B, 'nominate'), { level: 'village' }),
        admin.post(url(code.D, 'nominate'), { level: 'village' }),
      ]);
      expect([b.statusCode, d.statusCode].sort()).toEqual([200, 409]);
      const lost = b.statusCode === 409 ? b : d;
      expect(lost.json().error).toMatchObject({ field: 'quota' });
      expect(lost.json().error.message).toContain('已达名额上限 1');
      const levels = [];
      for (const h of [code.B, code.D])
        levels.push(
          ((await admin.get(url(h, '').slice(0, -1))).json() as CourtyardHouseholdView).application?.level,
        );
      expect(levels.sort()).toEqual(['none', 'village']);
    });
  });

  describe('household import', () => {
    it('imports the 住户 sheet all or nothing, updating by (户主, 地址)', async () => {
      const template = await village.get('/api/households/template');
      const header = (await xlsxRows(template.rawPayload, '住户'))[0];
      expect(header).toEqual(['村(社区)编码', '户主', '地址', '家庭人口', '家庭成员', '联系电话']);
      const book = async (rows: (string | number)[][]) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('住户');
        ws.addRow(header as string[]);
        for (const r of rows) ws.addRow(r);
        return Buffer.from(await wb.xlsx.writeBuffer());
      };
      const upload = async (c: Client, content: Buffer) =>
        c.request({
          method: 'POST',
          url: '/api/households/import',
          ...multipartFiles([{ name: '住户.xlsx', content }]),
        });
      const before = (await village.get('/api/households?villageCode=RML-HZ')).json().total as number;
      const bad = await upload(
        village,
        await book([
          ['LX-LX', '外村人', '龙兴村1号', 3, '', ''],
          ['RML-HZ', '', '何庄村十组1号', 2, '', ''],
          ['RML-HZ', '新户', '何庄村十组2号', 'x', '', ''],
        ]),
      );
      expect(bad.statusCode).toBe(400);
      expect(
        bad.json().error.details.map((d: { row: number; column: string }) => `${d.row}:${d.column}`),
      ).toEqual(['2:村(社区)编码', '3:户主', '4:家庭人口']);
      expect((await village.get('/api/households?villageCode=RML-HZ')).json().total).toBe(before);
      // 5,001 rows: refused whole before any row is looked at, naming the sheet and the limit.
      const huge = await upload(
        village,
        await book(Array.from({ length: 5001 }, (_, i) => ['RML-HZ', `大户${i}`, `何庄村${i}号`, 1, '', ''])),
      );
      expect(huge.statusCode).toBe(400);
      expect(huge.json().error).toMatchObject({
        field: 'file',
        message: '「住户」表有 5001 行，一次最多导入 5000 行，请分成几个文件',
      });
      expect((await village.get('/api/households?villageCode=RML-HZ')).json().total).toBe(before);
      const ok = await upload(
        village,
        await book([
          ['RML-HZ', '甲一', '何庄村九组A号', 3, '甲一(户主)、甲一妻(配偶)、甲小(子女)', ''],
          ['RML-HZ', '新户', '何庄村十组2号', 2, '新户(户主)，新户妻（配偶）', '13700000000'],
        ]),
      );
      expect(ok.json()).toEqual({ created: 1, updated: 1, unchanged: 0 });
      const a = (await village.get(`/api/households/${code.A}`)).json();
      expect([a.memberCount, a.members.length]).toEqual([3, 3]);
      expect(
        a.campaigns.map((c: { campaignCode: string; level: string }) => `${c.campaignCode}:${c.level}`),
      ).toEqual(['WM-2030:city', 'WM-2029:district']);
      const found = (await village.get('/api/households?q=新户妻')).json() as HouseholdListView;
      expect(found.rows.map((r) => [r.code, r.members])).toEqual([
        [
          'RML-HZ-H0056',
          [
            { name: '新户', relation: '户主' },
            { name: '新户妻', relation: '配偶' },
          ],
        ],
      ]);
    });
  });
});
