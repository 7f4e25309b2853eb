import { chinaDate } from '@wuxing/core';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { RaiseProblemBody } from '../src/contracts/supervision';
import { newId } from '../src/lib/ids';
import { createCampaign } from '../src/services/campaign.service';
import type { ServiceContext } from '../src/services/context';
import { raiseProblem } from '../src/services/problem.service';
import { PROBLEM_HEADERS } from '../src/services/problemExport';
import { createUser } from '../src/services/user.service';
import { type Client, describeEachDialect, type TestEnv } from './harness';
import { uploadJpeg } from './supervisionHelpers';

/** The problem ledger over HTTP: the rectification loop, refusals, idempotency, list, exports, notices. */

const PASSWORD = 'problem-pass-1';
const CAMPAIGN = 'PT2026';

/** A China date `days` from today. */
function day(days: number): string {
  return chinaDate(new Date(Date.now() + days * 86_400_000).toISOString());
}

interface ProblemBody {
  problem: {
    id: string;
    number: string;
    status: string;
    source: string;
    unitCode: string;
    closedAt: string | null;
  };
  events: {
    action: string;
    fromStatus: string | null;
    toStatus: string;
    actorName: string;
    note: string | null;
    photos: { key: string }[];
  }[];
  photos: { key: string; url: string }[];
  can: { rectify: boolean; startReview: boolean; review: boolean };
  deductions: { month: string; points: number }[];
}

async function addUser(
  env: TestEnv,
  username: string,
  displayName: string,
  role: 'village_user' | 'inspector' | 'street_admin',
  scope: { scopeUnitCode?: string; assignedUnitCodes?: string[] },
): Promise<void> {
  await createUser(
    env.system(),
    { username, displayName, role, password: PASSWORD, ...scope },
    { mustChangePassword: false },
  );
}

/** A stored photo of a unit (as if uploaded), named by its client key. */
async function storedPhoto(env: TestEnv, unitCode: string, key: string): Promise<string> {
  const repos = env.system().repos;
  const unit = await repos.units.findByCode(unitCode);
  if (!unit) throw new Error(`no unit ${unitCode}`);
  await repos.photos.insert({
    id: newId(),
    idempotency_key: key,
    unit_id: unit.id,
    sha256: 'a'.repeat(64),
    mime: 'image/jpeg',
    bytes: 1000,
    width: 64,
    height: 48,
    file: `photos/test/${key}.jpg`,
    thumb_file: `photos/test/${key}-thumb.jpg`,
    taken_at: null,
    latitude: null,
    longitude: null,
    uploaded_by: 'system',
    uploaded_by_name: '测试',
    uploaded_at: new Date().toISOString(),
  });
  return key;
}

let keyCounter = 0;
const key = (label: string) => `${label}-${String(++keyCounter).padStart(6, '0')}`;

function raiseBody(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: key('raise'),
    campaign: 'WX2023',
    unitCode: 'LX-LX',
    star: 'ZB',
    source: 'supervision',
    description: '三会一课记录不全',
    severity: 'major',
    deadline: day(10),
    responsible: '村党支部书记 张某',
    ...overrides,
  };
}

describeEachDialect('problem ledger: rectification loop, refusals, idempotency, list, exports', (env) => {
  let admin: Client;
  let inspector: Client;
  let street: Client;
  let village: Client;
  let lxVillage: Client;
  let gzInspector: Client;
  let judge: Client;

  beforeAll(async () => {
    await addUser(env(), 'pt-lxlx', '龙兴村书记 周某', 'village_user', { scopeUnitCode: 'LX-LX' });
    await addUser(env(), 'pt-gz-insp', '督导组 赵某', 'inspector', { assignedUnitCodes: ['GZ'] });
    await createCampaign(env().system(), {
      code: CAMPAIGN,
      name: '问题测试方案',
      year: 2026,
      template: 'five-star',
    });
    admin = await env().login('admin');
    inspector = await env().login('inspector');
    street = await env().login('street');
    village = await env().login('village');
    judge = await env().login('judge');
    lxVillage = await env().login('pt-lxlx', PASSWORD);
    gzInspector = await env().login('pt-gz-insp', PASSWORD);
  });

  async function raise(client: Client, overrides: Record<string, unknown> = {}): Promise<ProblemBody> {
    const res = await client.post('/api/problems', raiseBody(overrides));
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it('seeds the demo ledger: 80 problems over three rounds, 56 closed, some in the loop, several overdue', async () => {
    const res = await admin.get('/api/problems?campaign=WX2023&q=&pageSize=500');
    const demo = (
      res.json().rows as {
        demo: boolean;
        status: string;
        overdue: boolean;
        deadline: string;
        unitCode: string;
        number: string;
        raisedAt: string;
      }[]
    ).filter((r) => r.demo);
    expect(demo).toHaveLength(80);
    const by = (s: string) => demo.filter((r) => r.status === s).length;
    expect(by('closed')).toBe(56);
    expect(by('submitted')).toBeGreaterThanOrEqual(2);
    expect(by('reviewing')).toBeGreaterThanOrEqual(2);
    expect(demo.filter((r) => r.overdue).length).toBeGreaterThanOrEqual(5);
    const ahead = demo.filter((r) => r.status !== 'closed' && r.deadline > day(0));
    expect(ahead.length).toBeGreaterThanOrEqual(3);
    const weak = demo.filter((r) => ['LX-DY', 'GZ-SM', 'LH-LS'].includes(r.unitCode)).length;
    expect(weak).toBeGreaterThan(demo.length / 4);
    const numbers = demo.map((r) => r.number).sort();
    expect(numbers[0]).toBe('WT2023-0001');
    expect(new Set(numbers).size).toBe(80);
    // The demo village login (何庄村 RML-HZ) has one closed, one overdue and one open problem still in time.
    const hz = demo.filter((r) => r.unitCode === 'RML-HZ');
    expect(hz).toHaveLength(3);
    expect(hz.filter((r) => r.status === 'closed')).toHaveLength(1);
    expect(hz.filter((r) => r.overdue)).toHaveLength(1);
    expect(hz.filter((r) => r.status === 'open' && !r.overdue && r.deadline > day(0))).toHaveLength(1);
    const mine = (await village.get('/api/problems?campaign=WX2023&pageSize=500')).json().rows as {
      unitCode: string;
    }[];
    expect(mine.map((r) => r.unitCode)).toEqual(['RML-HZ', 'RML-HZ', 'RML-HZ']);
    const stats = (await admin.get('/api/problems/stats?campaign=WX2023')).json();
    expect(stats.total.notified).toBeGreaterThanOrEqual(80);
    // A failed look-back shows in the history of a reopened problem.
    const failed = await env()
      .database.db.selectFrom('problem_events')
      .select('problem_id')
      .where('action', '=', 'fail')
      .execute();
    expect(failed.length).toBeGreaterThanOrEqual(3);
  });

  it('walks one problem through every state, with photos, events in order and their actors', async () => {
    const raisePhoto = await uploadJpeg(inspector, 'LX-LX', key('photo'));
    const raised = await raise(inspector, { photoKeys: [raisePhoto] });
    expect(raised.problem).toMatchObject({ status: 'open', source: 'supervision', unitCode: 'LX-LX' });
    expect(raised.problem.number).toMatch(/^WT2023-\d{4}$/);
    expect(raised.photos.map((p) => p.key)).toEqual([raisePhoto]);
    expect(raised.photos[0]?.url).toMatch(/^\/api\/photos\//);
    const id = raised.problem.id;

    const seenByVillage: ProblemBody = (await lxVillage.get(`/api/problems/${id}`)).json();
    expect(seenByVillage.can).toEqual({ rectify: true, startReview: false, review: false });

    const evidence1 = await uploadJpeg(lxVillage, 'LX-LX', key('photo'));
    const r1 = await lxVillage.post(`/api/problems/${id}/rectify`, {
      idempotencyKey: key('rectify'),
      note: '已补齐2023年三会一课记录并归档',
      photoKeys: [evidence1],
    });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().problem.status).toBe('submitted');
    expect((await inspector.get(`/api/problems/${id}`)).json().can).toEqual({
      rectify: false,
      startReview: true,
      review: false,
    });

    const s1 = await inspector.post(`/api/problems/${id}/start-review`, { idempotencyKey: key('start') });
    expect(s1.statusCode, s1.body).toBe(200);
    expect(s1.json().problem.status).toBe('reviewing');

    const f = await inspector.post(`/api/problems/${id}/review`, {
      idempotencyKey: key('review'),
      passed: false,
      note: '记录仍缺少10月组织生活会内容',
    });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json().problem.status).toBe('open');

    const evidence2 = await uploadJpeg(lxVillage, 'LX-LX', key('photo'));
    const r2 = await lxVillage.post(`/api/problems/${id}/rectify`, {
      idempotencyKey: key('rectify'),
      note: '已补充10月组织生活会记录',
      photoKeys: [evidence2],
    });
    expect(r2.json().problem.status).toBe('submitted');
    const s2 = await street.post(`/api/problems/${id}/start-review`, { idempotencyKey: key('start') });
    expect(s2.json().problem.status).toBe('reviewing');
    const p = await inspector.post(`/api/problems/${id}/review`, {
      idempotencyKey: key('review'),
      passed: true,
    });
    expect(p.statusCode, p.body).toBe(200);
    const closed: ProblemBody = p.json();
    expect(closed.problem.status).toBe('closed');
    expect(closed.problem.closedAt).not.toBeNull();
    expect(closed.can).toEqual({ rectify: false, startReview: false, review: false });

    const detail: ProblemBody = (await admin.get(`/api/problems/${id}`)).json();
    expect(detail.events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorName])).toEqual([
      ['raise', null, 'open', '督导组 李强'],
      ['rectify', 'open', 'submitted', '龙兴村书记 周某'],
      ['startReview', 'submitted', 'reviewing', '督导组 李强'],
      ['fail', 'reviewing', 'open', '督导组 李强'],
      ['rectify', 'open', 'submitted', '龙兴村书记 周某'],
      ['startReview', 'submitted', 'reviewing', '龙兴街道 景华'],
      ['pass', 'reviewing', 'closed', '督导组 李强'],
    ]);
    expect(detail.events[3]?.note).toBe('记录仍缺少10月组织生活会内容');
    expect(detail.events[1]?.photos.map((x) => x.key)).toEqual([evidence1]);
    expect(detail.events[4]?.photos.map((x) => x.key)).toEqual([evidence2]);
    expect(detail.photos.map((x) => x.key)).toEqual([raisePhoto]);
    // The evidence is served to those who may read the problem.
    const served = await lxVillage.get(`/api/problems/${id}`);
    const url = (served.json() as ProblemBody).events[1]?.photos[0] as { url?: string } | undefined;
    expect((await lxVillage.get(url?.url ?? '')).statusCode).toBe(200);

    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'problem')
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'problem.raise',
      'problem.rectify',
      'problem.startReview',
      'problem.fail',
      'problem.rectify',
      'problem.startReview',
      'problem.pass',
    ]);
  });

  it('refuses every wrong actor (403, before any state check) and every wrong transition (409)', async () => {
    // Raising: village users never; inspectors and street admins only inside their part of the tree.
    expect((await village.post('/api/problems', raiseBody({ unitCode: 'RML-HZ' }))).statusCode).toBe(403);
    expect((await inspector.post('/api/problems', raiseBody({ unitCode: 'RML-HZ' }))).statusCode).toBe(403);
    expect((await street.post('/api/problems', raiseBody({ unitCode: 'GZ-SM' }))).statusCode).toBe(403);
    expect((await judge.post('/api/problems', raiseBody())).statusCode).toBe(403);
    expect((await env().anonymous().post('/api/problems', raiseBody())).statusCode).toBe(401);
    expect((await street.post('/api/problems', raiseBody({ unitCode: 'LX-DY' }))).statusCode).toBe(200);

    const { problem } = await raise(inspector);
    const id = problem.id;
    const post = (c: Client, step: string, body: Record<string, unknown>) =>
      c.post(`/api/problems/${id}/${step}`, { idempotencyKey: key(step), ...body });

    // Wrong actors on an open problem.
    expect((await post(village, 'rectify', { note: '别村代为整改' })).statusCode).toBe(403);
    expect((await post(inspector, 'rectify', { note: '督导组代为整改' })).statusCode).toBe(403);
    // Pass on open → 409 naming the state.
    const early = await post(admin, 'review', { passed: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('待整改');
    expect((await post(inspector, 'start-review', {})).statusCode).toBe(409);

    expect((await post(lxVillage, 'rectify', { note: '已整改' })).statusCode).toBe(200);
    // Rectify on submitted → 409.
    const again = await post(lxVillage, 'rectify', { note: '再次整改' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ field: 'status' });
    expect(again.json().error.message).toContain('已提交整改');
    // Village users cannot look back; an inspector of another street cannot either.
    expect((await post(lxVillage, 'start-review', {})).statusCode).toBe(403);
    expect((await post(gzInspector, 'start-review', {})).statusCode).toBe(403);
    expect((await post(inspector, 'start-review', {})).statusCode).toBe(200);
    expect((await post(lxVillage, 'review', { passed: true })).statusCode).toBe(403);
    expect((await post(gzInspector, 'review', { passed: true })).statusCode).toBe(403);
    // Failing without a reason is a field error on note.
    const noReason = await post(inspector, 'review', { passed: false });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('note');
    expect((await post(inspector, 'review', { passed: true })).statusCode).toBe(200);
    // Closed: every step is 409 for the right actor, and still 403 for the wrong one.
    expect((await post(lxVillage, 'rectify', { note: '已整改' })).statusCode).toBe(409);
    expect((await post(village, 'rectify', { note: '已整改' })).statusCode).toBe(403);
    expect((await post(inspector, 'start-review', {})).statusCode).toBe(409);
    expect((await post(inspector, 'review', { passed: false, note: '复查未过' })).statusCode).toBe(409);
    // Reading: inside the scope only.
    expect((await village.get(`/api/problems/${id}`)).statusCode).toBe(403);
    expect((await gzInspector.get(`/api/problems/${id}`)).statusCode).toBe(403);
    expect((await judge.get(`/api/problems/${id}`)).statusCode).toBe(403);
    expect((await street.get(`/api/problems/${id}`)).statusCode).toBe(200);
    expect((await admin.get('/api/problems/no-such-problem')).statusCode).toBe(404);
  });

  it('checks the raise body: unit, star, deadline, source, photos of the unit', async () => {
    const bad = async (overrides: Record<string, unknown>, field: string, status = 400) => {
      const res = await admin.post('/api/problems', raiseBody(overrides));
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.field).toBe(field);
    };
    await bad({ unitCode: 'NOPE' }, 'unitCode');
    await bad({ star: 'XX' }, 'star');
    await bad({ deadline: day(-1) }, 'deadline');
    await bad({ source: undefined }, 'source');
    await bad({ photoKeys: ['never-uploaded-key'] }, 'photoKeys');
    const other = await storedPhoto(env(), 'RML-HZ', key('photo'));
    await bad({ photoKeys: [other] }, 'photoKeys');
    const objection = await inspector.post('/api/problems', raiseBody({ source: 'objection' }));
    expect(objection.statusCode).toBe(403);
  });

  it('raises once for 100 concurrent identical requests, and refuses the key with another body', async () => {
    const body = raiseBody({ description: '河道垃圾未及时清理', star: 'ST' });
    const results = await Promise.all(
      Array.from({ length: 100 }, () => inspector.post('/api/problems', body)),
    );
    expect(results.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    const ids = new Set(results.map((r) => r.json().problem.id));
    expect(ids.size).toBe(1);
    const rows = await env()
      .database.db.selectFrom('problems')
      .select('id')
      .where('idempotency_key', '=', body.idempotencyKey)
      .execute();
    expect(rows).toHaveLength(1);
    const events = await env()
      .database.db.selectFrom('problem_events')
      .select('id')
      .where('problem_id', '=', [...ids][0] ?? '')
      .execute();
    expect(events).toHaveLength(1);
    const other = await inspector.post('/api/problems', { ...body, description: '另一个问题' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.field).toBe('idempotencyKey');

    // Steps replay too: the same key and note once more writes nothing; another note is refused.
    const id = [...ids][0] ?? '';
    const step = { idempotencyKey: key('rectify'), note: '已清理河道垃圾' };
    const first = await lxVillage.post(`/api/problems/${id}/rectify`, step);
    const second = await lxVillage.post(`/api/problems/${id}/rectify`, step);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect([first.json().replayed, second.json().replayed]).toEqual([false, true]);
    expect(second.json().events).toHaveLength(2);
    const changed = await lxVillage.post(`/api/problems/${id}/rectify`, { ...step, note: '改了内容' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.field).toBe('idempotencyKey');
  });

  describe_list();

  function describe_list() {
    let overdueId = '';
    beforeAll(async () => {
      const ctx: ServiceContext = { ...env().system(), now: '2026-01-05T02:00:00.000Z' };
      const raiseAt = (body: Record<string, unknown>) =>
        raiseProblem(ctx, RaiseProblemBody.parse(raiseBody({ campaign: CAMPAIGN, ...body })));
      const p1 = await raiseAt({
        unitCode: 'LX-LX',
        star: 'ZB',
        description: '党员活动室制度未上墙',
        deadline: '2026-01-10',
      });
      overdueId = p1.detail.item.row.id;
      await raiseAt({
        unitCode: 'LX-DY',
        star: 'ST',
        description: '河道垃圾未及时清理',
        severity: 'severe',
        deadline: '2099-01-01',
      });
      await raiseAt({
        unitCode: 'RML-HZ',
        star: 'PA',
        description: '矛盾纠纷排查台账缺失',
        source: 'covert',
        deadline: '2099-01-01',
      });
      await raiseAt({
        unitCode: 'GZ-SM',
        star: 'WM',
        description: '=HYPERLINK("http://x")文明实践站未开放',
        deadline: '2099-01-01',
      });
    });

    it('lists problems cut to each actor’s scope, with filters, counts and paging', async () => {
      const list = async (c: Client, q = '') => {
        const res = await c.get(`/api/problems?campaign=${CAMPAIGN}${q}`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as {
          rows: { unitCode: string; id: string; overdue: boolean; daysOverdue: number }[];
          total: number;
          counts: Record<string, number>;
        };
      };
      const units = (l: { rows: { unitCode: string }[] }) => l.rows.map((r) => r.unitCode).sort();
      expect(units(await list(admin))).toEqual(['GZ-SM', 'LX-DY', 'LX-LX', 'RML-HZ']);
      expect(units(await list(street))).toEqual(['LX-DY', 'LX-LX']);
      expect(units(await list(inspector))).toEqual(['LX-DY', 'LX-LX']);
      expect(units(await list(gzInspector))).toEqual(['GZ-SM']);
      expect(units(await list(village))).toEqual(['RML-HZ']);
      expect(units(await list(lxVillage))).toEqual(['LX-LX']);
      expect((await judge.get('/api/problems')).statusCode).toBe(403);
      expect((await env().anonymous().get('/api/problems')).statusCode).toBe(401);

      const all = await list(admin);
      expect(all.counts).toEqual({ open: 4, submitted: 0, reviewing: 0, closed: 0, overdue: 1 });
      const overdue = await list(admin, '&overdue=true');
      expect(overdue.rows.map((r) => r.id)).toEqual([overdueId]);
      expect(overdue.rows[0]?.daysOverdue).toBeGreaterThan(0);
      expect((await list(admin, '&overdue=false')).total).toBe(3);
      expect(units(await list(admin, '&street=LX'))).toEqual(['LX-DY', 'LX-LX']);
      expect(units(await list(admin, '&unit=GZ-SM'))).toEqual(['GZ-SM']);
      expect(units(await list(admin, '&star=ST'))).toEqual(['LX-DY']);
      expect(units(await list(admin, '&source=covert'))).toEqual(['RML-HZ']);
      expect(units(await list(admin, '&severity=severe'))).toEqual(['LX-DY']);
      expect(units(await list(admin, '&q=%E5%8F%B0%E8%B4%A6'))).toEqual(['RML-HZ']);
      expect(units(await list(admin, '&status=closed'))).toEqual([]);
      expect(units(await list(street, '&street=GZ'))).toEqual([]);
      const page = await list(admin, '&pageSize=3&page=2');
      expect(page.rows).toHaveLength(1);
      expect(page.total).toBe(4);
    });

    it('exports the scoped ledger as xlsx with the Chinese headers, and as formula-safe CSV', async () => {
      const res = await street.get(`/api/problems/export?campaign=${CAMPAIGN}&format=xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('no sheet');
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(PROBLEM_HEADERS);
      expect(ws.rowCount).toBe(3);
      const units = [ws.getRow(2).getCell(2).value, ws.getRow(3).getCell(2).value].sort();
      expect(units).toEqual(['大营村', '龙兴村']);
      const row = (ws.getRow(2).values as unknown[]).slice(1);
      expect(row[3]).toMatch(/星$/);
      expect(['是', '否'].some((v) => String(row[11]).startsWith(v))).toBe(true);

      const csv = await admin.get(`/api/problems/export?campaign=${CAMPAIGN}&format=csv&unit=GZ-SM`);
      expect(csv.statusCode).toBe(200);
      const text = csv.body.replace(/^\ufeff/, '');
      expect(text.split('\r\n')[0]).toBe(PROBLEM_HEADERS.join(','));
      expect(text).toContain(`"'=HYPERLINK(""http://x"")文明实践站未开放"`);
      expect((await judge.get('/api/problems/export')).statusCode).toBe(403);
    });
  }

  it('lists only the round’s problems in its notice, scoped, and exports a printable 通报', async () => {
    const db = env().database.db;
    const campaign = await env().system().repos.campaigns.findByCode('WX2023');
    if (!campaign) throw new Error('no demo campaign');
    const templateId = newId();
    const now = new Date().toISOString();
    await db
      .insertInto('sheet_templates')
      .values({
        id: templateId,
        campaign_id: campaign.id,
        code: `PT-${keyCounter}`,
        name: '测试评分表',
        module: 'DD',
        rule: 'mean',
        demo: 0,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const round = (id: string, number: string, name: string, kind: string, mode: string) => ({
      id,
      campaign_id: campaign.id,
      number,
      name,
      kind,
      mode,
      month: '2023-12',
      template_id: templateId,
      scored: 0,
      scope_unit_id: null,
      status: 'open',
      starts_on: '2023-12-01',
      ends_on: '2023-12-20',
      demo: 0,
      created_by: null,
      created_by_name: '区委组织部 王敏',
      created_at: now,
      closed_at: null,
    });
    const r1 = newId();
    const r2 = newId();
    await db
      .insertInto('inspection_rounds')
      .values([
        round(r1, `PT-GM-${keyCounter}`, '2023年12月观摩评比', 'observation', 'regular'),
        round(r2, `PT-DD-${keyCounter}`, '2023年12月明察暗访', 'supervision', 'covert'),
      ])
      .execute();
    const a = await raise(inspector, { roundId: r1, source: undefined, description: '村务公开栏内容未更新' });
    expect(a.problem.source).toBe('observation');
    const b = await raise(admin, { roundId: r1, unitCode: 'RML-HZ', source: undefined, star: 'WM' });
    const c = await raise(inspector, { roundId: r2, source: undefined, description: '夜间巡逻记录缺失' });
    expect(c.problem.source).toBe('covert');

    const notice = await admin.get(`/api/rounds/${r1}/notice`);
    expect(notice.statusCode, notice.body).toBe(200);
    const body = notice.json();
    expect(body.round).toMatchObject({ id: r1, kind: 'observation', problemCount: 2 });
    expect(body.problems.map((p: { id: string }) => p.id).sort()).toEqual(
      [a.problem.id, b.problem.id].sort(),
    );
    const scoped = (await village.get(`/api/rounds/${r1}/notice`)).json();
    expect(scoped.problems.map((p: { id: string }) => p.id)).toEqual([b.problem.id]);
    expect((await judge.get(`/api/rounds/${r1}/notice`)).statusCode).toBe(403);
    expect((await admin.get('/api/rounds/nope/notice')).statusCode).toBe(404);
    const filtered = await admin.get(`/api/problems?round=${r2}`);
    expect(filtered.json().rows.map((p: { id: string }) => p.id)).toEqual([c.problem.id]);

    const xlsx = await admin.get(`/api/rounds/${r1}/notice/export`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.getRow(1).getCell(1).value).toBe('关于2023年12月观摩评比发现问题的通报');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      '序号',
      '编号',
      '单位',
      '星',
      '问题描述',
      '整改期限',
      '责任人',
      '状态',
    ]);
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(4).getCell(1).value).toBe(1);
    expect(ws.getRow(4).getCell(8).value).toBe('待整改');
  });
});
