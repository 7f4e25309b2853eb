import { sheetItemPoints } from '@wuxing/core';
import { expect, it } from 'vitest';
import { loadRankingInputs } from '../src/services/campaignLoader';
import { describeEachDialect } from './harness';
import { fullBody, makeInspector, put, type RoundJson, roundId, sheet } from './supervisionHelpers';

const LINE = (star: string, code: string, max = 50) => ({ star, code, name: `${star}评分项${code}`, max });

describeEachDialect('supervision: sheet templates, rounds, sheets and the ledger', (env) => {
  it('seeds DD-SHEET and the three demo supervision rounds: DD-2023-10/11 closed and fully covered, GM-2023-12 open with 龙兴街道 3/7 covered', async () => {
    const admin = await env().login('admin');
    const list = (await admin.get('/api/rounds?campaign=WX2023')).json().rounds;
    // (YS-2023 is the demo's annual acceptance round: acceptance.test.ts.)
    expect(list.map((r: { number: string }) => r.number).sort()).toEqual([
      'DD-2023-10',
      'DD-2023-11',
      'GM-2023-12',
      'YS-2023',
    ]);
    const gm = (await admin.get(`/api/rounds/${await roundId(admin, 'GM-2023-12')}`)).json() as RoundJson;
    expect(gm.round).toMatchObject({ number: 'GM-2023-12', done: 8, total: 20 });
    expect(gm.coverage.find((c) => c.streetCode === 'LX')).toEqual({
      streetCode: 'LX',
      streetName: '龙兴街道',
      done: 3,
      total: 7,
    });
    expect(gm.coverage.find((c) => c.streetCode === 'RML')).toMatchObject({ done: 2, total: 5 });
    expect(gm.coverage.find((c) => c.streetCode === 'GZ')).toMatchObject({ done: 2, total: 4 });
    expect(gm.coverage.find((c) => c.streetCode === 'LH')).toMatchObject({ done: 1, total: 4 });
    // `inspector` has scored LX-SZ, LX-ZZ, LX-CZ only; the other LX villages wait for it.
    const lxScored = gm.units
      .filter(
        (u) => u.streetCode === 'LX' && u.inspectors.some((i) => i.username === 'inspector' && i.version > 0),
      )
      .map((u) => u.unitCode)
      .sort();
    expect(lxScored).toEqual(['LX-CZ', 'LX-SZ', 'LX-ZZ']);
    // The other streets' seeded sheets went into the ledger like any scored submission.
    const gmEntries = await env()
      .database.db.selectFrom('score_entries')
      .select(['idempotency_key', 'source'])
      .where('idempotency_key', 'like', 'seed:GM-2023-12:%')
      .execute();
    expect(new Set(gmEntries.map((e) => e.idempotency_key.split(':')[2])).size).toBe(8);
    expect(gmEntries.every((e) => e.source === 'sheet')).toBe(true);
    // Each street's demo inspector is assigned to its units, in every demo round.
    const streetInspector: Record<string, string> = {
      LX: 'inspector',
      RML: 'inspector-rml',
      GZ: 'inspector-gz',
      LH: 'inspector-lh',
    };
    for (const number of ['DD-2023-10', 'DD-2023-11', 'GM-2023-12']) {
      const r = (await admin.get(`/api/rounds/${await roundId(admin, number)}`)).json() as RoundJson;
      for (const u of r.units)
        expect(u.inspectors.map((i) => i.username)).toEqual([streetInspector[u.streetCode ?? '']]);
    }
    // The closed monthly supervision rounds visited every unit: one first sheet each, inside the round's dates.
    const ledger = env().database.db;
    for (const [number, from, to] of [
      ['DD-2023-10', '2023-10-16', '2023-10-27'],
      ['DD-2023-11', '2023-11-13', '2023-11-24'],
    ] as const) {
      const id = await roundId(admin, number);
      const dd = (await admin.get(`/api/rounds/${id}`)).json() as RoundJson & {
        round: { status: string; scored: boolean; kind: string };
      };
      expect(dd.round).toMatchObject({
        status: 'closed',
        scored: false,
        kind: 'supervision',
        done: 20,
        total: 20,
      });
      expect(dd.coverage.every((c) => c.done === c.total)).toBe(true);
      expect(dd.units.every((u) => u.submitted === 1 && u.inspectors[0]?.version === 1)).toBe(true);
      const sheets = await ledger
        .selectFrom('inspections')
        .select(['visited_at', 'version'])
        .where('round_id', '=', id)
        .execute();
      expect(sheets).toHaveLength(20);
      for (const x of sheets) {
        const day = new Date(Date.parse(x.visited_at) + 8 * 3_600_000).toISOString().slice(0, 10);
        expect(day >= from && day <= to, `${number} visited ${day}`).toBe(true);
      }
      // Not scored: their sheets write nothing into the ledger.
      const entries = await ledger
        .selectFrom('score_entries')
        .select('id')
        .where('idempotency_key', 'like', `seed:${number}:%`)
        .execute();
      expect(entries).toHaveLength(0);
    }
    const t = (await admin.get('/api/campaigns/WX2023/sheet-templates/DD-SHEET')).json();
    expect(t).toMatchObject({ code: 'DD-SHEET', name: '督导观摩评分表', module: 'DD', rule: 'trimmed' });
    expect(t.lines).toHaveLength(20);
    expect(
      t.lines.filter((l: { star: string; max: number }) => l.star === 'ZB' && l.max === 25),
    ).toHaveLength(4);
    expect(t).toMatchObject({ roundCount: 3, frozen: true });
  });

  it('creates and edits templates, naming the wrong field, and refuses edits once a sheet is in', async () => {
    const admin = await env().login('admin');
    const base = { code: 'T-A', name: '测试评分表', module: 'DD', rule: 'mean', lines: [LINE('ZB', 'A1')] };
    const badStar = await admin.post('/api/campaigns/WX2023/sheet-templates', {
      ...base,
      lines: [LINE('ZB', 'A1'), LINE('XX', 'A2')],
    });
    expect(badStar.statusCode).toBe(400);
    expect(badStar.json().error.field).toBe('lines.1.star');
    const badModule = await admin.post('/api/campaigns/WX2023/sheet-templates', { ...base, module: 'DQ' });
    expect(badModule.json().error).toMatchObject({ field: 'module' });
    const dupLine = await admin.post('/api/campaigns/WX2023/sheet-templates', {
      ...base,
      lines: [LINE('ZB', 'A1'), LINE('CY', 'A1')],
    });
    expect(dupLine.json().error.field).toBe('lines.1.code');
    const tooMany = await admin.post('/api/campaigns/WX2023/sheet-templates', {
      ...base,
      lines: [{ ...LINE('ZB', 'A1'), max: 0 }],
    });
    expect(tooMany.statusCode).toBe(400);
    const street = await env().login('street');
    expect((await street.post('/api/campaigns/WX2023/sheet-templates', base)).statusCode).toBe(403);
    const ok = await admin.post('/api/campaigns/WX2023/sheet-templates', base);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'T-A', rule: 'mean', frozen: false, roundCount: 0 });
    const lineId = ok.json().lines[0].id;
    expect((await admin.post('/api/campaigns/WX2023/sheet-templates', base)).statusCode).toBe(409);
    const edited = await put(admin, '/api/campaigns/WX2023/sheet-templates/T-A', {
      ...base,
      name: '测试评分表（改）',
      rule: 'trimmed',
      lines: [LINE('ZB', 'A1', 40), LINE('CY', 'A2')],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: '测试评分表（改）', rule: 'trimmed' });
    expect(edited.json().lines[0]).toMatchObject({ id: lineId, max: 40 });
    expect((await street.get('/api/campaigns/WX2023/sheet-templates/T-A')).statusCode).toBe(200);
    expect((await (await env().login('judge')).get('/api/campaigns/WX2023/sheet-templates')).statusCode).toBe(
      403,
    );
    const frozen = await put(admin, '/api/campaigns/WX2023/sheet-templates/DD-SHEET', {
      ...base,
      code: 'DD-SHEET',
    });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toContain('已有提交的评分');
  });

  it('creates the default DD-SHEET for a new campaign on request, once', async () => {
    const admin = await env().login('admin');
    expect(
      (await admin.post('/api/campaigns', { code: 'S2024', name: '2024年度', year: 2024 })).statusCode,
    ).toBe(200);
    expect((await admin.get('/api/campaigns/S2024/sheet-templates')).json().templates).toEqual([]);
    const street = await env().login('street');
    expect((await street.post('/api/campaigns/S2024/sheet-templates/default')).statusCode).toBe(403);
    // A module named after an Object.prototype member is an unknown module (400), not a server error.
    for (const module of ['constructor', 'toString', '__proto__']) {
      const odd = await admin.post(`/api/campaigns/S2024/sheet-templates/default?module=${module}`);
      expect(odd.statusCode, odd.body).toBe(400);
      expect(odd.json().error.field).toBe('module');
    }
    const made = await admin.post('/api/campaigns/S2024/sheet-templates/default');
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({
      code: 'DD-SHEET',
      module: 'DD',
      rule: 'trimmed',
      campaignCode: 'S2024',
    });
    expect(made.json().lines).toHaveLength(20);
    expect(made.json().lines[0].guidance).toBeTruthy();
    expect((await admin.post('/api/campaigns/S2024/sheet-templates/default')).statusCode).toBe(409);
  });

  it('numbers rounds, allows one scored round per module-month, assigns by standing assignments and expands streets', async () => {
    const admin = await env().login('admin');
    const body = {
      campaign: 'WX2023',
      name: '12月督导',
      kind: 'supervision',
      month: '2023-12',
      templateCode: 'DD-SHEET',
      startsOn: '2023-12-01',
      endsOn: '2023-12-20',
    };
    const scored = await admin.post('/api/rounds', body);
    expect(scored.statusCode).toBe(409);
    expect(scored.json().error).toMatchObject({ field: 'month' });
    expect(scored.json().error.message).toContain('GM-2023-12');
    const first = await admin.post('/api/rounds', { ...body, scored: false });
    expect(first.statusCode, first.body).toBe(200);
    const r1 = first.json() as RoundJson;
    expect(r1.round.number).toBe('DD-2023-12');
    const second = (await admin.post('/api/rounds', { ...body, scored: false })).json() as RoundJson;
    expect(second.round.number).toBe('DD-2023-12-2');
    expect(
      (await admin.post('/api/rounds', { ...body, scored: false, month: '2024-01' })).json().error.field,
    ).toBe('month');
    expect(
      (await admin.post('/api/rounds', { ...body, scored: false, endsOn: '2023-11-30' })).json().error.field,
    ).toBe('endsOn');
    // Default assignments: each street's demo inspector covers its street (`inspector` 龙兴街道).
    const byStreet: Record<string, string> = {
      LX: 'inspector',
      RML: 'inspector-rml',
      GZ: 'inspector-gz',
      LH: 'inspector-lh',
    };
    for (const u of r1.units)
      expect(u.inspectors.map((i) => i.username)).toEqual([byStreet[u.streetCode ?? '']]);
    // A street code expands to every unit of the street.
    const assigned = await put(admin, `/api/rounds/${r1.round.id}/assignments`, {
      assignments: [
        { unitCode: 'LX', username: 'inspector' },
        { unitCode: 'RML', username: 'inspector' },
      ],
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const a = assigned.json() as RoundJson;
    expect(
      a.units
        .filter((u) => u.inspectors.length === 1)
        .map((u) => u.streetCode)
        .sort(),
    ).toEqual([...Array(7).fill('LX'), ...Array(5).fill('RML')].sort());
    const nobody = await put(admin, `/api/rounds/${r1.round.id}/assignments`, {
      assignments: [{ unitCode: 'LX', username: 'nobody' }],
    });
    expect(nobody.json().error.field).toBe('assignments.0.username');
    const notInspector = await put(admin, `/api/rounds/${r1.round.id}/assignments`, {
      assignments: [
        { unitCode: 'LX', username: 'inspector' },
        { unitCode: 'LX-LX', username: 'village' },
      ],
    });
    expect(notInspector.json().error.field).toBe('assignments.1.username');
    const outside = await put(admin, `/api/rounds/${r1.round.id}/assignments`, {
      assignments: [{ unitCode: 'NOPE', username: 'inspector' }],
    });
    expect(outside.json().error.field).toBe('assignments.0.unitCode');
  });

  it('cuts rounds to the viewer: street admins see their street, inspectors their assigned units; coverage moves with a submission', async () => {
    const admin = await env().login('admin');
    const made = (
      await admin.post('/api/rounds', {
        campaign: 'WX2023',
        name: '12月明察暗访',
        kind: 'supervision',
        mode: 'covert',
        month: '2023-12',
        templateCode: 'DD-SHEET',
        scored: false,
        startsOn: '2023-12-01',
        endsOn: '2023-12-20',
        assignments: [
          { unitCode: 'LX-LX', username: 'inspector' },
          { unitCode: 'LX-SZ', username: 'inspector' },
        ],
      })
    ).json() as RoundJson;
    const id = made.round.id;
    const street = await env().login('street');
    const seen = (await street.get(`/api/rounds/${id}`)).json() as RoundJson;
    expect(seen.units.map((u) => u.streetCode)).toEqual(Array(7).fill('LX'));
    expect(seen.coverage).toEqual([{ streetCode: 'LX', streetName: '龙兴街道', done: 0, total: 7 }]);
    const inspector = await env().login('inspector');
    const mine = (await inspector.get(`/api/rounds/${id}`)).json() as RoundJson;
    expect(mine.units.map((u) => u.unitCode).sort()).toEqual(['LX-LX', 'LX-SZ']);
    expect(mine.round.mine).toEqual({ done: 0, total: 2 });
    const listed = (await inspector.get('/api/rounds?campaign=WX2023')).json().rounds;
    expect(listed.find((r: { id: string }) => r.id === id)).toMatchObject({ total: 2, done: 0 });
    expect((await inspector.get(`/api/rounds/${id}/units/LX-ZZ/sheet`)).statusCode).toBe(403);
    expect((await (await env().login('village')).get(`/api/rounds/${id}`)).statusCode).toBe(403);

    const s = await sheet(inspector, id, 'LX-LX');
    const sent = await inspector.post('/api/inspections', fullBody(s, 'LX-LX', 'cov-1', 0.8));
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().itemScores).toEqual([]);
    const after = (await admin.get(`/api/rounds/${id}`)).json() as RoundJson;
    expect(after.coverage.find((c) => c.streetCode === 'LX')).toMatchObject({ done: 1, total: 7 });
    expect(after.round).toMatchObject({ done: 1, total: 20 });
    const unit = after.units.find((u) => u.unitCode === 'LX-LX');
    expect(unit?.inspectors[0]).toMatchObject({ username: 'inspector', version: 1 });
    expect(unit?.inspectors[0]?.totals?.ZB).toBe(80);
    expect(((await inspector.get(`/api/rounds/${id}`)).json() as RoundJson).round.mine).toEqual({
      done: 1,
      total: 2,
    });
    // The street admin sees the totals of their street's units; another inspector would not.
    const streetView = (await street.get(`/api/rounds/${id}`)).json() as RoundJson;
    expect(streetView.units.find((u) => u.unitCode === 'LX-LX')?.inspectors[0]?.totals?.ZB).toBe(80);
  });

  it('lets a street admin run special rounds of their own street only', async () => {
    const street = await env().login('street');
    const body = {
      campaign: 'WX2023',
      name: '人居环境专项督查',
      kind: 'special',
      month: '2023-12',
      templateCode: 'DD-SHEET',
      startsOn: '2023-12-05',
      endsOn: '2023-12-15',
      streetCode: 'LX',
    };
    const ok = await street.post('/api/rounds', body);
    expect(ok.statusCode, ok.body).toBe(200);
    const r = ok.json() as RoundJson & { round: { scored: boolean; streetCode: string } };
    expect(r.round).toMatchObject({ number: 'ZX-LX-2023-12', scored: false, streetCode: 'LX' });
    expect(r.units).toHaveLength(7);
    expect(r.units.every((u) => u.inspectors.map((i) => i.username).join() === 'street')).toBe(true);
    expect((await street.post('/api/rounds', { ...body, streetCode: 'RML' })).statusCode).toBe(403);
    expect((await (await env().login('inspector')).post('/api/rounds', body)).statusCode).toBe(403);
    expect(
      (await street.post('/api/rounds', { ...body, kind: 'supervision', streetCode: undefined })).statusCode,
    ).toBe(403);
    // The street admin scores on their own special round.
    const s = await sheet(street, r.round.id, 'LX-DY');
    expect((await street.post('/api/inspections', fullBody(s, 'LX-DY', 'zx-1', 0.5))).statusCode).toBe(200);
    const admin = await env().login('admin');
    expect((await street.post(`/api/rounds/${await roundId(admin, 'GM-2023-12')}/close`)).statusCode).toBe(
      403,
    );
    const closed = await street.post(`/api/rounds/${r.round.id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().round.status).toBe('closed');
    expect((await street.post(`/api/rounds/${r.round.id}/close`)).statusCode).toBe(409);
  });

  it('writes ledger rows from a scored sheet, moves the ranking, and corrects with a reason', async () => {
    const admin = await env().login('admin');
    const inspector = await env().login('inspector');
    const gm = await roundId(admin, 'GM-2023-12');
    const ranking = async () =>
      (await admin.get('/api/campaigns/WX2023/ranking?period=2023-12'))
        .json()
        .rows.find((r: { unitCode: string }) => r.unitCode === 'LX-LX').score as number;
    const before = await ranking();
    const s = await sheet(inspector, gm, 'LX-LX');
    expect(s.mine).toBeNull();
    const zb = s.stars.find((x) => x.star === 'ZB');
    expect(zb).toMatchObject({ itemCode: 'DD-ZB-12', itemMax: 100 });
    const body = fullBody(s, 'LX-LX', 'gm-lx-1', (i) => (i % 2 === 0 ? 1 : 0.4));
    const res = await inspector.post('/api/inspections', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ replayed: false, inspection: { version: 1, unitCode: 'LX-LX' } });
    const zbLines = body.lines.slice(0, 4);
    const expected = sheetItemPoints(
      zbLines.map((l) => ({ points: l.points, max: 25 })),
      100,
    );
    const entries = (await admin.get('/api/campaigns/WX2023/units/LX-LX/items/DD-ZB-12/entries')).json();
    const mine = entries.entries.find(
      (e: { scorerName: string; current: boolean }) => e.scorerName === '督导组 李强',
    );
    expect(mine).toMatchObject({ points: expected, current: true });
    expect(res.json().itemScores.find((i: { star: string }) => i.star === 'ZB').score).toBeCloseTo(
      entries.score,
      9,
    );
    const after = await ranking();
    expect(after).not.toBe(before);

    // A stale or reason-less correction is refused; a correction with a reason supersedes.
    const again = await sheet(inspector, gm, 'LX-LX');
    expect(again.mine?.version).toBe(1);
    const noReason = await inspector.post('/api/inspections', fullBody(again, 'LX-LX', 'gm-lx-2', 0.9));
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    const corrected = await inspector.post(
      '/api/inspections',
      fullBody(again, 'LX-LX', 'gm-lx-3', 0.8, { reason: '复核后更正' }),
    );
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().inspection).toMatchObject({ version: 2, reason: '复核后更正' });
    const stale = await inspector.post(
      '/api/inspections',
      fullBody(again, 'LX-LX', 'gm-lx-4', 0.7, { reason: '再次更正' }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.field).toBe('baseVersion');
    expect(stale.json().error.message).toContain('第2版');
    const history = (await admin.get('/api/campaigns/WX2023/units/LX-LX/items/DD-ZB-12/entries')).json()
      .entries;
    const byInspector = history.filter((e: { scorerName: string }) => e.scorerName === '督导组 李强');
    expect(byInspector.map((e: { points: number; current: boolean }) => [e.points, e.current])).toEqual([
      [expected, false],
      [80, true],
    ]);
    const versions = (await admin.get(`/api/rounds/${gm}/units/LX-LX/inspections`)).json().inspections;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const one = await admin.get(`/api/inspections/${versions[0].id}`);
    expect(one.json()).toMatchObject({ version: 1, inspectorName: '督导组 李强' });
    expect((await (await env().login('village')).get(`/api/inspections/${versions[0].id}`)).statusCode).toBe(
      403,
    );
    expect(
      (await (await env().login('village')).get(`/api/rounds/${gm}/units/LX-LX/inspections`)).statusCode,
    ).toBe(403);
  });

  it('checks every line: max, template, targets, completeness; unassigned inspectors get 403', async () => {
    const inspector = await env().login('inspector');
    const admin = await env().login('admin');
    const gm = await roundId(admin, 'GM-2023-12');
    const s = await sheet(inspector, gm, 'LX-JZ');
    const body = fullBody(s, 'LX-JZ', 'chk-1', 0.5);
    const over = await inspector.post('/api/inspections', {
      ...body,
      lines: body.lines.map((l, i) => (i === 2 ? { ...l, points: 26 } : l)),
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatchObject({ field: 'lines.2.points' });
    expect(over.json().error.message).toContain('满分 25');
    const foreign = await inspector.post('/api/inspections', {
      ...body,
      lines: [...body.lines, { lineId: 'not-a-line', points: 1 }],
    });
    expect(foreign.json().error.field).toBe(`lines.${body.lines.length}.lineId`);
    const partial = await inspector.post('/api/inspections', { ...body, lines: body.lines.slice(1) });
    expect(partial.json().error.field).toBe('lines');
    const otherStreet = await makeInspector(env(), 'insp-gz', ['GZ']);
    expect((await otherStreet.post('/api/inspections', body)).statusCode).toBe(403);
    const rml = await sheet(admin, gm, 'RML-HZ');
    expect((await inspector.post('/api/inspections', fullBody(rml, 'RML-HZ', 'chk-2', 0.5))).statusCode).toBe(
      403,
    );
    expect((await (await env().login('village')).post('/api/inspections', body)).statusCode).toBe(403);
  });

  it('refuses a sheet for a locked month without a reason, and takes it as a correction with one', async () => {
    const admin = await env().login('admin');
    const made = await admin.post('/api/rounds', {
      campaign: 'WX2023',
      name: '11月补充观摩',
      kind: 'observation',
      month: '2023-11',
      templateCode: 'DD-SHEET',
      startsOn: '2023-11-20',
      endsOn: '2023-12-20',
    });
    expect(made.statusCode, made.body).toBe(200);
    const id = made.json().round.id;
    const inspector = await env().login('inspector');
    const s = await sheet(inspector, id, 'LX-LZ');
    expect(s.stars[0]).toMatchObject({ itemCode: 'DD-ZB-11' });
    const plain = await inspector.post('/api/inspections', fullBody(s, 'LX-LZ', 'nov-1', 0.6));
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.field).toBe('reason');
    const withReason = await inspector.post(
      '/api/inspections',
      fullBody(s, 'LX-LZ', 'nov-2', 0.6, { reason: '11月观摩补录' }),
    );
    expect(withReason.statusCode, withReason.body).toBe(200);
    const entries = (await admin.get('/api/campaigns/WX2023/units/LX-LZ/items/DD-ZB-11/entries')).json()
      .entries;
    expect(entries.find((e: { scorerName: string }) => e.scorerName === '督导组 李强')).toMatchObject({
      source: 'correction',
      reason: '11月观摩补录',
      points: 60,
    });
    // A closed round takes no first submission, but still a correction.
    expect((await admin.post(`/api/rounds/${id}/close`)).statusCode).toBe(200);
    const late = await sheet(inspector, id, 'LX-JZ');
    const refused = await inspector.post(
      '/api/inspections',
      fullBody(late, 'LX-JZ', 'nov-3', 0.6, { reason: '补录' }),
    );
    expect(refused.statusCode).toBe(409);
    const fix = await sheet(inspector, id, 'LX-LZ');
    expect(
      (await inspector.post('/api/inspections', fullBody(fix, 'LX-LZ', 'nov-4', 0.7, { reason: '更正' })))
        .statusCode,
    ).toBe(200);
  });

  it('combines inspectors by the template rule: mean below five scorers, trimmed at five', async () => {
    const admin = await env().login('admin');
    const gm = await roundId(admin, 'GM-2023-12');
    const names = ['insp-t1', 'insp-t2', 'insp-t3', 'insp-t4'];
    const clients = [];
    for (const n of names) clients.push(await makeInspector(env(), n, ['LX']));
    const current = (await admin.get(`/api/rounds/${gm}`)).json() as RoundJson;
    const keep = current.units.flatMap((u) =>
      u.inspectors.map((i) => ({ unitCode: u.unitCode, username: i.username })),
    );
    const res = await put(admin, `/api/rounds/${gm}/assignments`, {
      assignments: [...keep, ...names.map((username) => ({ unitCode: 'LX-DY', username }))],
    });
    expect(res.statusCode, res.body).toBe(200);
    const fractions = [0.2, 0.4, 0.6, 1];
    const scores: number[] = [];
    for (const [i, c] of clients.entries()) {
      const s = await sheet(c, gm, 'LX-DY');
      const r = await c.post('/api/inspections', fullBody(s, 'LX-DY', `trim-${i}`, fractions[i] ?? 0));
      expect(r.statusCode, r.body).toBe(200);
      scores.push(r.json().itemScores.find((x: { star: string }) => x.star === 'ZB').score);
    }
    const entries = (await admin.get('/api/campaigns/WX2023/units/LX-DY/items/DD-ZB-12/entries')).json()
      .entries;
    const points = entries
      .filter((e: { current: boolean }) => e.current)
      .map((e: { points: number }) => e.points) as number[];
    expect(points).toHaveLength(5);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sorted = [...points].sort((a, b) => a - b);
    expect(scores[3]).toBeCloseTo(mean(sorted.slice(1, 4)), 9);
    const seeded = points.filter((p) => ![20, 40, 60, 100].includes(p));
    expect(scores[2]).toBeCloseTo(mean([...seeded, 20, 40, 60]), 9);
    expect(scores[3]).not.toBeCloseTo(mean(points), 6);
  });

  it("makes the ranking combine a scored round's items by its template rule", async () => {
    const admin = await env().login('admin');
    await admin.post('/api/campaigns', { code: 'R2024', name: '规则测试', year: 2024 });
    const t = await admin.post('/api/campaigns/R2024/sheet-templates', {
      code: 'MEAN',
      name: '平均评分表',
      module: 'DD',
      rule: 'mean',
      lines: ['ZB', 'CY', 'ST', 'PA', 'WM'].map((s) => LINE(s, `${s}-1`, 100)),
    });
    expect(t.statusCode, t.body).toBe(200);
    const r = await admin.post('/api/rounds', {
      campaign: 'R2024',
      name: '3月观摩',
      kind: 'observation',
      month: '2024-03',
      templateCode: 'MEAN',
      startsOn: '2024-03-01',
      endsOn: '2024-03-31',
    });
    expect(r.statusCode, r.body).toBe(200);
    const ctx = env().system();
    const campaign = await ctx.repos.campaigns.findByCode('R2024');
    const demo = await ctx.repos.campaigns.findByCode('WX2023');
    if (!campaign || !demo) throw new Error('campaign missing');
    const entry = (campaignId: string, unitId: string, itemId: string, scorer: string, points: number) => ({
      id: `${campaignId}-${itemId}-${scorer}`,
      campaign_id: campaignId,
      unit_id: unitId,
      item_id: itemId,
      scorer,
      points,
      na: 0,
      source: 'manual',
      reason: null,
      supersedes_id: null,
      idempotency_key: `rule-${campaignId}-${itemId}-${scorer}`,
      entered_by: null,
      entered_by_name: null,
      entered_at: ctx.now,
    });
    const unit = (await ctx.repos.campaigns.units(campaign.id))[0];
    const items = await ctx.repos.campaigns.items(campaign.id);
    const dd = items.find((i) => i.code === 'DD-ZB-03');
    const rc = items.find((i) => i.code === 'RC-ZB-03');
    if (!unit || !dd || !rc) throw new Error('fixture missing');
    await ctx.repos.scores.insertMany([
      entry(campaign.id, unit.unit_id, dd.id, 'a', 50),
      entry(campaign.id, unit.unit_id, rc.id, 'a', 5),
    ]);
    const inputs = await loadRankingInputs(ctx.repos, campaign);
    expect(inputs.scores.find((s) => s.item === 'DD-ZB-03')?.trim).toBe(false);
    expect(inputs.scores.find((s) => s.item === 'RC-ZB-03')?.trim).toBeUndefined();
    const demoInputs = await loadRankingInputs(ctx.repos, demo);
    expect(demoInputs.scores.find((s) => s.item === 'DD-ZB-12')?.trim).toBe(true);
    expect(demoInputs.scores.find((s) => s.item === 'DD-ZB-10')?.trim).toBeUndefined();

    // Five scorers on the round's item: the item's score everywhere is the template's plain mean, although the
    // campaign's default would trim; the RC item of the same month keeps the campaign's trimming.
    const more = [10, 90, 60, 70].flatMap((p, i) => [
      entry(campaign.id, unit.unit_id, dd.id, `s${i}`, p),
      entry(campaign.id, unit.unit_id, rc.id, `s${i}`, p / 10),
    ]);
    await ctx.repos.scores.insertMany(more);
    const unitCode = unit.code;
    const ddRes = await admin.get(`/api/campaigns/R2024/units/${unitCode}/items/DD-ZB-03/entries`);
    expect(ddRes.statusCode, ddRes.body).toBe(200);
    expect(ddRes.json().score).toBeCloseTo((50 + 10 + 90 + 60 + 70) / 5, 9);
    const rcRes = await admin.get(`/api/campaigns/R2024/units/${unitCode}/items/RC-ZB-03/entries`);
    expect(rcRes.json().score).toBeCloseTo((5 + 6 + 7) / 3, 9);
    const sheetRes = await admin.get(`/api/campaigns/R2024/units/${unitCode}/items?month=2024-03`);
    expect(sheetRes.statusCode, sheetRes.body).toBe(200);
    const ddRow = (sheetRes.json().items as { code: string; score: number | null }[]).find(
      (i) => i.code === 'DD-ZB-03',
    );
    expect(ddRow?.score).toBeCloseTo(56, 9);
  });

  it('records how the visit was done (查阅资料、座谈走访、实地查看), naming the field when wrong', async () => {
    const inspector = await env().login('inspector');
    const admin = await env().login('admin');
    const gm = await roundId(admin, 'GM-2023-12');
    const detail = (await admin.get(`/api/rounds/${gm}`)).json() as { units: { unitCode: string }[] };
    // A unit of the inspector's round this file has not submitted yet.
    let unitCode = '';
    for (const u of detail.units) {
      const res = await inspector.get(`/api/rounds/${gm}/units/${u.unitCode}/sheet`);
      if (res.statusCode === 200 && res.json().mine === null) {
        unitCode = u.unitCode;
        break;
      }
    }
    expect(unitCode).not.toBe('');
    const s = await sheet(inspector, gm, unitCode);
    const body = fullBody(s, unitCode, 'meth-1', 0.8);
    const cases: [unknown, string][] = [
      [[], '请至少选择一种检查方式'],
      [['site', 'site'], '检查方式不能重复'],
      [['phone'], '检查方式只能是查阅资料、座谈走访或实地查看'],
    ];
    for (const [methods, message] of cases) {
      const refused = await inspector.post('/api/inspections', { ...body, methods });
      expect(refused.statusCode, JSON.stringify(methods)).toBe(400);
      expect(refused.json().error.field).toMatch(/^methods/);
      expect(refused.json().error.message).toContain(message);
    }
    const made = await inspector.post('/api/inspections', { ...body, methods: ['site', 'documents'] });
    expect(made.statusCode, made.body).toBe(200);
    // Kept in their fixed order, shown on the sheet and in the unit's inspections.
    expect(made.json().inspection.methods).toEqual(['documents', 'site']);
    expect((await sheet(inspector, gm, unitCode)).mine).toMatchObject({ methods: ['documents', 'site'] });
    const all = (await admin.get(`/api/rounds/${gm}/units/${unitCode}/inspections`)).json() as {
      inspections: { inspectorName: string; methods: string[] }[];
    };
    expect(all.inspections.some((i) => i.methods.join() === 'documents,site')).toBe(true);
    // The retry is the same submission; the same key with other methods is another one and refused.
    const retry = await inspector.post('/api/inspections', { ...body, methods: ['documents', 'site'] });
    expect(retry.json().replayed).toBe(true);
    const other = await inspector.post('/api/inspections', { ...body, methods: ['interviews'] });
    expect(other.statusCode).toBe(409);

    // A sheet queued offline by an older app (no methods) still goes through, with none recorded.
    const correction = {
      ...fullBody(await sheet(inspector, gm, unitCode), unitCode, 'meth-2', 0.7),
      reason: '补录一项得分',
    };
    const old = await inspector.post('/api/inspections', correction);
    expect(old.statusCode, old.body).toBe(200);
    expect(old.json().inspection.methods).toEqual([]);
    // The demo's visits say how they were done.
    const demo = (
      await admin.get(`/api/rounds/${await roundId(admin, 'DD-2023-11')}/units/LX-JZ/inspections`)
    ).json() as {
      inspections: { methods: string[] }[];
    };
    expect(demo.inspections.length).toBeGreaterThan(0);
    for (const i of demo.inspections) expect(i.methods).toContain('documents');
  });
});
