import { inflateRawSync } from 'node:zlib';
import { format2 } from '@wuxing/core';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BulletinFigures, BulletinTable, BulletinView } from '../src/contracts/bulletin';
import { RaiseProblemBody } from '../src/contracts/supervision';
import { SYSTEM_ACTOR } from '../src/demo/seedDemo';
import { wrapText, wrapTitle } from '../src/lib/pdf/text';
import { createCampaign } from '../src/services/campaign.service';
import type { ServiceContext } from '../src/services/context';
import { raiseProblem, rectifyProblem, reviewProblem, startReview } from '../src/services/problem.service';
import { getRanking } from '../src/services/ranking.service';
import { createRound } from '../src/services/round.service';
import { enterScore } from '../src/services/score.service';
import { createDefaultTemplate } from '../src/services/sheetTemplate.service';
import { setTargets } from '../src/services/target.service';
import { commitWarnings } from '../src/services/warning.service';
import { type Client, describeEachDialect, type TestEnv } from './harness';

/**
 * 月度通报: every figure of a generated bulletin equals the same figure counted here, independently, from the
 * ledger's rows (rounds, sheets, problems, warnings) and the ranking; the text quotes each figure; the tables
 * agree; edits are optimistic; issued bulletins are frozen; the .docx and the PDF carry the title and figures.
 * On the demo (November 2023 issued, December a draft) and on a small fixture campaign.
 */

// ——— Independent counting from the ledger's rows ———

/** The China (UTC+8) date of an instant. */
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, m ?? 0, 0)).toISOString().slice(0, 10);
};
const oneDecimal = (x: number) => Math.round(Number((x * 10).toPrecision(12))) / 10;
const hundredths = (x: number) => Math.round(Number((x * 100).toPrecision(12))) / 100;

interface Expected {
  figures: Omit<BulletinFigures, 'avgScore' | 'unitsRanked'>;
  streets: Map<string, (string | number | null)[]>;
}

async function countLedger(env: TestEnv, code: string, month: string): Promise<Expected> {
  const db = env.database.db;
  const campaign = await db
    .selectFrom('campaigns')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const end = lastDay(month);
  const start = `${month}-01`;
  const within = (d: string | null) => d !== null && d >= start && d <= end;
  const rounds = await db
    .selectFrom('inspection_rounds')
    .select('starts_on')
    .where('campaign_id', '=', campaign.id)
    .execute();
  const sheets = await db
    .selectFrom('inspections as i')
    .innerJoin('inspection_rounds as r', 'r.id', 'i.round_id')
    .select(['i.unit_id', 'i.visited_at'])
    .where('r.campaign_id', '=', campaign.id)
    .execute();
  const problems = (
    await db
      .selectFrom('problems as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .innerJoin('units as s', 's.id', 'u.parent_id')
      .select(['p.raised_at', 'p.deadline', 'p.closed_on', 's.name as street'])
      .where('p.campaign_id', '=', campaign.id)
      .execute()
  )
    .map((p) => ({ ...p, raised: chinaDay(p.raised_at) }))
    .filter((p) => p.raised <= end);
  const warnings = await db
    .selectFrom('warnings')
    .select(['raised_on', 'lifted_on', 'status'])
    .where('campaign_id', '=', campaign.id)
    .execute();

  const closedBy = (p: { closed_on: string | null }) => p.closed_on !== null && p.closed_on <= end;
  const count = (list: typeof problems) => {
    const notified = list.length;
    const closed = list.filter(closedBy).length;
    return {
      inMonth: list.filter((p) => within(p.raised)).length,
      closedInMonth: list.filter((p) => within(p.closed_on)).length,
      notified,
      closed,
      rate: notified === 0 ? null : oneDecimal((100 * closed) / notified),
      overdue: list.filter((p) => !closedBy(p) && p.deadline < end).length,
    };
  };
  const total = count(problems);
  const streets = new Map<string, (string | number | null)[]>();
  for (const name of new Set(problems.map((p) => p.street))) {
    const c = count(problems.filter((p) => p.street === name));
    streets.set(name, [name, c.inMonth, c.closedInMonth, c.notified, c.closed, c.rate, c.overdue]);
  }
  return {
    figures: {
      month,
      roundsInMonth: rounds.filter((r) => within(r.starts_on)).length,
      roundsToDate: rounds.filter((r) => r.starts_on <= end).length,
      unitsCovered: new Set(sheets.filter((s) => within(chinaDay(s.visited_at))).map((s) => s.unit_id)).size,
      notifiedInMonth: total.inMonth,
      closedInMonth: total.closedInMonth,
      overdueAtMonthEnd: total.overdue,
      notifiedToDate: total.notified,
      closedToDate: total.closed,
      closureRateToDate: total.rate,
      warningsActive: warnings.filter(
        (w) => w.raised_on <= end && (w.lifted_on === null ? w.status !== 'lifted' : w.lifted_on > end),
      ).length,
      warningsRaisedInMonth: warnings.filter((w) => within(w.raised_on)).length,
    },
    streets,
  };
}

/** The phrase of the text that quotes each figure. */
function quoted(f: BulletinFigures): string[] {
  const out = [
    `督导观摩${f.roundsInMonth}次`,
    `已开展督导${f.roundsToDate}次`,
    `实地督导村(社区)${f.unitsCovered}个`,
    `新通报问题${f.notifiedInMonth}条`,
    `整改销号${f.closedInMonth}条`,
    `逾期未整改问题${f.overdueAtMonthEnd}条`,
    `通报问题${f.notifiedToDate}条、整改销号${f.closedToDate}条`,
    `有效预警${f.warningsActive}个`,
    `新增预警${f.warningsRaisedInMonth}个`,
    `${f.unitsRanked}个村(社区)`,
  ];
  if (f.closureRateToDate !== null) out.push(`销号率${f.closureRateToDate}%`);
  if (f.avgScore !== null) out.push(`平均得分${format2(f.avgScore)}分`);
  return out;
}

// ——— Reading the downloads back ———

/** The entries of a zip file (stored or deflated), by name. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + size);
    out.set(name, method === 0 ? data : inflateRawSync(data));
    p += 46 + nameLength + extra + comment;
  }
  return out;
}

/** The texts of a .docx body, run by run. */
function docxTexts(buf: Buffer): string[] {
  const xml = unzip(buf).get('word/document.xml')?.toString('utf8') ?? '';
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '');
}

/** The strings our PDF writer shows (`<hex> Tj`, UTF-16BE), page by page. */
function pdfPages(buf: Buffer): string[][] {
  const raw = buf.toString('latin1');
  return [...raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<([0-9A-F]*)>\s*Tj/g)].map((t) => {
      const hex = t[1] ?? '';
      let s = '';
      for (let i = 0; i < hex.length; i += 4)
        s += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
      return s;
    }),
  );
}

/** True when `row` appears as consecutive strings in `list`. */
function hasSequence(list: string[], row: string[]): boolean {
  for (let i = 0; i + row.length <= list.length; i++) if (row.every((c, j) => list[i + j] === c)) return true;
  return false;
}

const cellText = (v: string | number | null) => (v === null ? '—' : String(v));
const errorOf = (res: LightMyRequestResponse) => res.json() as { error: { field?: string } };
const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });
const tableOf = (b: BulletinView, key: string): BulletinTable => {
  const t = b.tables.find((x) => x.key === key);
  if (!t) throw new Error(`no table ${key}`);
  return t;
};

// ——— The checks shared by the demo and the fixture ———

async function expectFromLedger(env: TestEnv, admin: Client, b: BulletinView): Promise<void> {
  const expected = await countLedger(env, b.campaignCode, b.month);
  const ranking = await getRanking(env.system(), b.campaignCode, { period: b.month, level: 'unit' });
  const mean = ranking.rows.length
    ? ranking.rows.reduce((a, r) => a + r.score, 0) / ranking.rows.length
    : null;
  expect(b.figures).toEqual({
    ...expected.figures,
    avgScore: mean === null ? null : hundredths(mean),
    unitsRanked: ranking.total,
  });

  // The ranking tables are the ranking API's rows.
  const res = await admin.get(`/api/campaigns/${b.campaignCode}/ranking?period=${b.month}`);
  expect(res.statusCode, res.body).toBe(200);
  const rows = (
    res.json() as { rows: { rank: number; unitName: string; score: number; change: number | null }[] }
  ).rows;
  // The API's scores are already rounded half up to 2 decimals; print them with 2 decimals.
  const print = (r: (typeof rows)[number]) => [r.rank, r.unitName, format2(r.score)];
  expect(tableOf(b, 'top').rows.map((r) => r.filter((_, j) => j !== 2 && j !== 4))).toEqual(
    rows.slice(0, 10).map(print),
  );
  expect(tableOf(b, 'bottom').rows.map((r) => r.filter((_, j) => j !== 2 && j !== 4))).toEqual(
    rows.slice(-5).map(print),
  );
  const movers = rows.filter((r) => r.change !== null && Math.abs(r.change) >= 3);
  expect(tableOf(b, 'movers').rows.length).toBe(Math.min(10, movers.length));

  // Streets: each street with problems as counted here; the total row is the figures.
  const streets = tableOf(b, 'streets').rows;
  for (const [name, row] of expected.streets) expect(streets.find((r) => r[0] === name)).toEqual(row);
  const f = b.figures;
  expect(streets.at(-1)).toEqual([
    '合计',
    f.notifiedInMonth,
    f.closedInMonth,
    f.notifiedToDate,
    f.closedToDate,
    f.closureRateToDate,
    f.overdueAtMonthEnd,
  ]);
  expect(tableOf(b, 'rounds').rows.length).toBe(f.roundsInMonth);
  expect(tableOf(b, 'warnings').rows.length).toBe(f.warningsActive);

  // Every figure is quoted by the text.
  const text = b.sections.map((s) => s.text).join('\n');
  for (const phrase of quoted(f)) expect(text, phrase).toContain(phrase);
}

async function expectDownloads(client: Client, b: BulletinView): Promise<void> {
  const docx = await client.get(`/api/bulletins/${b.id}/docx`);
  expect(docx.statusCode, docx.body).toBe(200);
  expect(docx.headers['content-type']).toContain('wordprocessingml');
  const p = Number(b.month.slice(5, 7));
  const y = b.month.slice(0, 4);
  expect(docx.headers['content-disposition']).toContain(
    encodeURIComponent(`${y}年${p}月五星支部创建工作通报.docx`),
  );
  const words = docxTexts(docx.rawPayload);
  expect(words).toContain(b.title);
  const totals = tableOf(b, 'streets').rows.at(-1) ?? [];
  expect(hasSequence(words, totals.map(cellText))).toBe(true);
  const top = tableOf(b, 'top').rows[0];
  if (top) expect(hasSequence(words, top.map(cellText))).toBe(true);

  const pdf = await client.get(`/api/bulletins/${b.id}/pdf`);
  expect(pdf.statusCode).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  expect(pdf.rawPayload.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  const pages = pdfPages(pdf.rawPayload);
  expect(pages.length).toBeGreaterThan(0);
  expect(pages[0]).toContain(`第 1 页 共 ${pages.length} 页`);
  const strings = pages.flat().filter((s) => !/^第 \d+ 页 共 \d+ 页$/.test(s));
  const body = strings.join('').replace(/％/g, '%');
  expect(body).toContain(b.title);
  for (const phrase of quoted(b.figures)) expect(body, phrase).toContain(phrase);
  expect(
    hasSequence(
      strings,
      totals.map(cellText).map((c) => c.replace(/%/g, '％')),
    ),
  ).toBe(true);
  expect(body).toContain(b.issuer);
}

// ——— The fixture: a small campaign with problems, a round and a quarter's warnings ———

let counter = 0;
const key = (label: string) => `${label}-bt-${String(++counter).padStart(6, '0')}`;
const at = (env: TestEnv, now: string): ServiceContext => ({ ...env.system(), actor: SYSTEM_ACTOR, now });

async function seedFixture(env: TestEnv, code: string): Promise<void> {
  const sys = at(env, '2023-01-02T02:00:00.000Z');
  await createCampaign(sys, { code, name: '通报测试', year: 2023, template: 'five-star' });
  for (const [unit, stars] of [
    ['LX-ZZ', ['ZB', 'CY']],
    ['LX-SZ', ['ZB']],
    ['RML-HZ', ['ZB']],
    ['GZ-SM', ['ZB', 'ST']],
  ] as const)
    await setTargets(sys, code, unit, { stars: [...stars] });
  const scores: [string, string, number][] = [
    ['LX-ZZ', 'DD-ZB-01', 90],
    ['LX-SZ', 'DD-ZB-01', 40],
    ['RML-HZ', 'DD-ZB-02', 95],
    ['GZ-SM', 'DD-ZB-03', 70],
    ['LX-SZ', 'DD-ZB-03', 100],
  ];
  for (const [unitCode, itemCode, points] of scores)
    await enterScore(sys, code, { unitCode, itemCode, points, na: false });
  const template = await createDefaultTemplate(sys, code);
  const round = await createRound(at(env, '2023-03-01T02:00:00.000Z'), {
    campaign: code,
    name: '3月督导',
    kind: 'supervision',
    mode: 'regular',
    month: '2023-03',
    templateCode: template.template.code,
    scored: false,
    startsOn: '2023-03-06',
    endsOn: '2023-03-10',
  });
  const raise = async (now: string, unitCode: string, deadline: string, roundId?: string) => {
    const r = await raiseProblem(
      at(env, now),
      RaiseProblemBody.parse({
        idempotencyKey: key('raise'),
        source: 'supervision',
        campaign: code,
        unitCode,
        star: 'ZB',
        deadline,
        description: '台账不全',
        ...(roundId ? { roundId } : {}),
      }),
    );
    return r.detail.item.row.id;
  };
  const close = async (id: string, now: string) => {
    const ctx = at(env, now);
    await rectifyProblem(ctx, id, { idempotencyKey: key('rectify'), note: '已整改', photoKeys: [] });
    await startReview(ctx, id, { idempotencyKey: key('start') });
    await reviewProblem(ctx, id, { idempotencyKey: key('review'), passed: true, photoKeys: [] });
  };
  const febClosedMarch = await raise('2023-02-15T02:00:00.000Z', 'LX-ZZ', '2023-02-28');
  await close(febClosedMarch, '2023-03-05T02:00:00.000Z');
  // Raised on 1 March China time (late on 28 February UTC): counts in March.
  await raise('2023-02-28T17:00:00.000Z', 'LX-SZ', '2023-03-20');
  const closedApril = await raise('2023-03-08T02:00:00.000Z', 'GZ-SM', '2023-03-15', round.summary.round.id);
  await close(closedApril, '2023-04-02T02:00:00.000Z');
  await raise('2023-04-03T02:00:00.000Z', 'RML-HZ', '2023-04-20');
  await commitWarnings(at(env, '2023-04-03T03:00:00.000Z'), code, {
    idempotencyKey: key('warn'),
    period: '2023-Q1',
  });
}

describe('PDF text wrapping', () => {
  it('keeps lines within the width, hangs closing punctuation and never splits a number', () => {
    const lines = wrapText(
      '截至11月底，累计通报问题60条、整改销号48条，销号率80%，逾期未整改问题11条。',
      160,
      16,
    );
    expect(lines.join('')).toBe(
      '截至11月底，累计通报问题60条、整改销号48条，销号率80%，逾期未整改问题11条。',
    );
    for (const l of lines) {
      expect(/^[，。、；：）%]/.test(l)).toBe(false);
      expect(l.length).toBeGreaterThan(0);
    }
    expect(lines.some((l) => /\d$/.test(l) && /^\d/.test(lines[lines.indexOf(l) + 1] ?? ''))).toBe(false);
  });

  it('breaks a two-line title after a word', () => {
    expect(wrapTitle('关于2023年11月份五星支部创建工作情况的通报', 442, 22)).toEqual([
      '关于2023年11月份',
      '五星支部创建工作情况的通报',
    ]);
  });
});

describeEachDialect('月度通报 monthly bulletins', (env) => {
  let admin: Client;
  let street: Client;
  let village: Client;
  let inspector: Client;
  let judge: Client;
  let demo: BulletinView[];

  beforeAll(async () => {
    admin = await env().login('admin');
    street = await env().login('street');
    village = await env().login('village');
    inspector = await env().login('inspector');
    judge = await env().login('judge');
    const list = await admin.get('/api/bulletins?campaign=WX2023');
    expect(list.statusCode, list.body).toBe(200);
    demo = [];
    for (const s of (list.json() as { bulletins: { id: string }[] }).bulletins)
      demo.push((await admin.get(`/api/bulletins/${s.id}`)).json() as BulletinView);
  });

  it('the demo has November 2023 issued and December a draft', () => {
    expect(demo.map((b) => [b.month, b.status])).toEqual([
      ['2023-12', 'draft'],
      ['2023-11', 'issued'],
    ]);
    const nov = demo[1];
    expect(nov?.title).toBe('关于2023年11月份五星支部创建工作情况的通报');
    expect(nov?.issuer).toBe('中共石龙区委组织部');
    expect(nov?.dateLine).toBe('2023-12-05');
    expect(nov?.demo).toBe(true);
    expect(nov?.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、排名情况',
      '三、问题整改情况',
      '四、预警情况',
      '五、下步工作要求',
    ]);
  });

  it('every figure of the demo bulletins equals the ledger’s, and the text quotes it', async () => {
    for (const b of demo) await expectFromLedger(env(), admin, b);
    // The demo's November: one round, every village visited, problems raised and closed, warnings standing.
    const nov = demo[1]?.figures;
    expect(nov?.roundsInMonth).toBe(1);
    expect(nov?.unitsCovered).toBe(20);
    expect(nov?.notifiedInMonth).toBeGreaterThan(0);
    expect(nov?.warningsActive).toBeGreaterThan(0);
  });

  it('the demo’s downloads carry the title, the figures and the tables', async () => {
    for (const b of demo) await expectDownloads(admin, b);
    // A street admin downloads the issued one.
    const nov = demo[1];
    if (nov) await expectDownloads(street, nov);
  });

  it('a fixture campaign: figures from the ledger, month by month, China dates at the edges', async () => {
    await seedFixture(env(), 'BT2023');
    for (const month of ['2023-02', '2023-03', '2023-04']) {
      const res = await admin.post('/api/bulletins', { campaign: 'BT2023', month });
      expect(res.statusCode, res.body).toBe(200);
      const b = res.json() as BulletinView;
      await expectFromLedger(env(), admin, b);
      await expectDownloads(admin, b);
    }
    const list = (await admin.get('/api/bulletins?campaign=BT2023')).json() as { bulletins: BulletinView[] };
    const byMonth = new Map<string, BulletinFigures>();
    for (const s of list.bulletins)
      byMonth.set(s.month, ((await admin.get(`/api/bulletins/${s.id}`)).json() as BulletinView).figures);
    // Hand-counted: February one problem (open at the month's end, deadline the last day: not yet overdue);
    // March the round, two problems (one raised 1 March China time), the February one closed; April one raised,
    // one closed, both open ones overdue (20 March, 20 April), the quarter's warnings raised.
    expect(byMonth.get('2023-02')).toMatchObject({
      roundsInMonth: 0,
      notifiedInMonth: 1,
      closedInMonth: 0,
      overdueAtMonthEnd: 0,
      closureRateToDate: 0,
    });
    expect(byMonth.get('2023-03')).toMatchObject({
      roundsInMonth: 1,
      roundsToDate: 1,
      notifiedInMonth: 2,
      closedInMonth: 1,
      notifiedToDate: 3,
      closedToDate: 1,
      overdueAtMonthEnd: 2,
      closureRateToDate: 33.3,
      warningsActive: 0,
    });
    expect(byMonth.get('2023-04')).toMatchObject({
      roundsInMonth: 0,
      roundsToDate: 1,
      notifiedInMonth: 1,
      closedInMonth: 1,
      notifiedToDate: 4,
      closedToDate: 2,
      overdueAtMonthEnd: 2,
      closureRateToDate: 50,
    });
    expect(byMonth.get('2023-04')?.warningsRaisedInMonth).toBeGreaterThan(0);
    expect(byMonth.get('2023-04')?.warningsActive).toBe(byMonth.get('2023-04')?.warningsRaisedInMonth);
  });

  it('edits are optimistic, regenerate restores the text, issue freezes; every write audited', async () => {
    const created = await admin.post('/api/bulletins', { campaign: 'WX2023', month: '2023-06' });
    expect(created.statusCode, created.body).toBe(200);
    const b = created.json() as BulletinView;
    expect(b.status).toBe('draft');
    expect(b.version).toBe(1);
    const again = await admin.post('/api/bulletins', { campaign: 'WX2023', month: '2023-06' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).error.field).toBe('month');

    const body = {
      title: '关于2023年6月份工作情况的通报（修改）',
      docNumber: '石组通〔2023〕6号',
      sections: [{ heading: '一、总体情况', text: '改写的正文。' }],
      version: 1,
    };
    const saved = await put(admin, `/api/bulletins/${b.id}`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as BulletinView).version).toBe(2);
    expect((saved.json() as BulletinView).sections).toEqual(body.sections);
    // The edited text prints as written: a single newline breaks the line, a blank line starts a paragraph.
    const edited = await put(admin, `/api/bulletins/${b.id}`, {
      ...body,
      sections: [{ heading: '一、总体情况', text: '第一行\n第二行\n\n第二段。' }],
      version: 2,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const printed = pdfPages((await admin.get(`/api/bulletins/${b.id}/pdf`)).rawPayload).flat();
    expect(hasSequence(printed, ['一、总体情况', '第一行', '第二行', '第二段。'])).toBe(true);
    expect(docxTexts((await admin.get(`/api/bulletins/${b.id}/docx`)).rawPayload)).toEqual(
      expect.arrayContaining(['第一行', '第二行', '第二段。']),
    );
    const restored = await put(admin, `/api/bulletins/${b.id}`, { ...body, version: 3 });
    expect(restored.statusCode, restored.body).toBe(200);
    const stale = await put(admin, `/api/bulletins/${b.id}`, { ...body, title: '另一个人的标题' });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).error.field).toBe('version');
    expect(((await admin.get(`/api/bulletins/${b.id}`)).json() as BulletinView).title).toBe(body.title);

    const regenerated = await admin.post(`/api/bulletins/${b.id}/regenerate`, { version: 4 });
    expect(regenerated.statusCode, regenerated.body).toBe(200);
    const r = regenerated.json() as BulletinView;
    expect(r.version).toBe(5);
    expect(r.sections.length).toBe(5);
    expect(r.title).toBe(body.title);
    expect(r.figures).toEqual(b.figures);
    const staleRegenerate = await admin.post(`/api/bulletins/${b.id}/regenerate`, { version: 4 });
    expect(errorOf(staleRegenerate).error.field).toBe('version');

    // A street admin does not see the draft, in the list or by id.
    expect((await street.get(`/api/bulletins/${b.id}`)).statusCode).toBe(403);
    const streetList = (await street.get('/api/bulletins')).json() as {
      bulletins: { id: string; status: string }[];
    };
    expect(streetList.bulletins.every((x) => x.status === 'issued')).toBe(true);
    expect(streetList.bulletins.map((x) => x.id)).not.toContain(b.id);

    const issued = await admin.post(`/api/bulletins/${b.id}/issue`, { version: 5 });
    expect(issued.statusCode, issued.body).toBe(200);
    const i = issued.json() as BulletinView;
    expect(i.status).toBe('issued');
    expect(i.issuedByName).toBeTruthy();
    expect(i.issuedAt).not.toBeNull();
    for (const res of [
      await put(admin, `/api/bulletins/${b.id}`, { ...body, version: 6 }),
      await admin.post(`/api/bulletins/${b.id}/regenerate`, { version: 6 }),
      await admin.post(`/api/bulletins/${b.id}/issue`, { version: 6 }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).error.field).toBe('status');
    }
    // Now streets and villages read it.
    expect((await street.get(`/api/bulletins/${b.id}`)).statusCode).toBe(200);
    expect((await village.get(`/api/bulletins/${b.id}`)).statusCode).toBe(200);

    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'bulletin')
      .where('entity_id', '=', b.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'bulletin.generate',
      'bulletin.update',
      'bulletin.update',
      'bulletin.update',
      'bulletin.regenerate',
      'bulletin.issue',
    ]);
  });

  it('refuses inspectors, judges and the anonymous; and bad input names its field', async () => {
    const draft = demo[0];
    if (!draft) throw new Error('no demo draft');
    for (const c of [inspector, judge]) {
      expect((await c.get('/api/bulletins')).statusCode).toBe(403);
      expect((await c.get(`/api/bulletins/${draft.id}`)).statusCode).toBe(403);
    }
    expect((await env().anonymous().get('/api/bulletins')).statusCode).toBe(401);
    expect((await street.post('/api/bulletins', { campaign: 'WX2023', month: '2023-05' })).statusCode).toBe(
      403,
    );

    for (const month of ['2023-13', '2023-6', 'junk', '2022-12', '2099-01']) {
      const res = await admin.post('/api/bulletins', { campaign: 'WX2023', month });
      expect(res.statusCode, `${month}: ${res.body}`).toBe(400);
      expect(errorOf(res).error.field).toBe('month');
    }
    const noTitle = await put(admin, `/api/bulletins/${draft.id}`, {
      title: '',
      docNumber: '',
      sections: [{ heading: '一', text: '正文' }],
      version: draft.version,
    });
    expect(noTitle.statusCode).toBe(400);
    expect(errorOf(noTitle).error.field).toBe('title');
    expect((await admin.get('/api/bulletins/no-such-id')).statusCode).toBe(404);
  });
});
