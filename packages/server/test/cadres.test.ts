import { round2 } from '@wuxing/core';
import { expect, it } from 'vitest';
import type { CadreListView, CadreResultsView, CadreView } from '../src/contracts/cadres';
import { type Client, describeEachDialect } from './harness';
import { sheetRows } from './sheetRows';

/**
 * Cadres (街道干部, 驻村干部) linked to their villages: kept by the district and by each street for its own, their
 * villages always of their street; their assessment takes those villages' results, figure by figure the same as
 * the ranking, the star rating and the warnings say; the workbook carries the same rows.
 */

const base = '/api/campaigns/WX2023';

const put = (client: Client, url: string, payload: Record<string, unknown>) =>
  client.request({ method: 'PUT', url, payload });

describeEachDialect('cadres linked to villages, and their assessment', (env) => {
  it('the street admin adds a 驻村干部 to its own villages, changes them and marks the cadre as left', async () => {
    const street = await env().login('street'); // 龙兴街道 LX
    const list = (await street.get('/api/cadres')).json() as CadreListView;
    expect(list.streets.map((s) => s.code)).toEqual(['LX']);
    expect(list.streets[0]?.units.map((u) => u.code)).toContain('LX-DY');
    expect(new Set(list.rows.map((r) => r.street.code))).toEqual(new Set(['LX']));
    // The demo's cadre who left is listed only when asked for.
    expect(list.rows.map((r) => r.name)).not.toContain('冯涛');
    const all = (await street.get('/api/cadres?all=true')).json() as CadreListView;
    expect(all.rows.find((r) => r.name === '冯涛')?.active).toBe(false);

    const created = await street.post('/api/cadres', {
      name: '测试干部',
      kind: 'stationed',
      position: '驻村第一书记（区文旅局）',
      phone: '138 0000 0000',
      streetCode: 'LX',
      unitCodes: ['LX-ZZ', 'LX-CZ', 'LX-ZZ'],
    });
    expect(created.statusCode, created.body).toBe(200);
    const cadre = created.json() as CadreView;
    expect(cadre).toMatchObject({
      kind: 'stationed',
      active: true,
      street: { code: 'LX', name: '龙兴街道' },
    });
    expect(cadre.units.map((u) => u.code)).toEqual(['LX-ZZ', 'LX-CZ']);

    const changed = await put(street, `/api/cadres/${cadre.id}`, {
      unitCodes: ['LX-DY'],
      position: '驻村工作队长',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as CadreView).units.map((u) => u.code)).toEqual(['LX-DY']);
    const left = await put(street, `/api/cadres/${cadre.id}`, { active: false });
    expect((left.json() as CadreView).active).toBe(false);
    const after = (await street.get('/api/cadres')).json() as CadreListView;
    expect(after.rows.map((r) => r.id)).not.toContain(cadre.id);

    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity', '=', 'cadre')
      .where('entity_id', '=', cadre.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['cadre.create', 'cadre.update', 'cadre.update']);
    expect(JSON.parse(audit[1]?.before_json ?? '{}')).toMatchObject({ units: ['LX-ZZ', 'LX-CZ'] });
    expect(JSON.parse(audit[1]?.after_json ?? '{}')).toMatchObject({
      units: ['LX-DY'],
      position: '驻村工作队长',
    });
  });

  it('refuses, naming the field, a village of another street, a street that is not one, and an empty list', async () => {
    const admin = await env().login('admin');
    const body = {
      name: '张三',
      kind: 'street',
      position: '街道党工委委员',
      streetCode: 'LX',
      unitCodes: ['LX-LX'],
    };
    const cases: [unknown, string, RegExp][] = [
      [{ ...body, unitCodes: ['RML-HZ'] }, 'unitCodes', /何庄村（RML-HZ）不是龙兴街道的村（社区）/],
      [{ ...body, unitCodes: ['NOPE'] }, 'unitCodes', /单位 NOPE 不存在/],
      [{ ...body, unitCodes: [] }, 'unitCodes', /请至少选择一个/],
      [{ ...body, streetCode: 'LX-LX' }, 'streetCode', /街道 LX-LX 不存在/],
      [{ ...body, name: ' ' }, 'name', /请填写姓名/],
      [{ ...body, kind: 'boss' }, 'kind', /类别只能是街道干部或驻村干部/],
      [{ ...body, phone: 'call me' }, 'phone', /联系电话只能包含/],
    ];
    const count = async () =>
      (
        await env()
          .database.db.selectFrom('cadres')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    for (const [payload, field, message] of cases) {
      const res = await admin.post('/api/cadres', payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toMatch(message);
    }
    expect(Number(await count())).toBe(before);
  });

  it('keeps a street admin to its own street: another street’s cadre is neither listed nor changed', async () => {
    const admin = await env().login('admin');
    const other = (await admin.get('/api/cadres?street=RML')).json() as CadreListView;
    const target = other.rows[0] as CadreView;
    expect(target.street.code).toBe('RML');
    const street = await env().login('street');
    expect((await put(street, `/api/cadres/${target.id}`, { name: '改名' })).statusCode).toBe(403);
    expect(
      (
        await street.post('/api/cadres', {
          name: '越界',
          kind: 'street',
          position: '委员',
          streetCode: 'RML',
          unitCodes: ['RML-HZ'],
        })
      ).statusCode,
    ).toBe(403);
    const listed = await street.get('/api/cadres?street=RML');
    expect(listed.statusCode).toBe(400);
    expect(listed.json().error.field).toBe('street');
    for (const login of ['village', 'inspector', 'judge']) {
      const client = await env().login(login);
      expect((await client.get('/api/cadres')).statusCode).toBe(403);
      expect((await client.get(`${base}/results/cadres`)).statusCode).toBe(403);
    }
  });

  it('assesses each cadre by the year results of the villages linked, as the ranking, the stars and the warnings say', async () => {
    const admin = await env().login('admin');
    const res = await admin.get(`${base}/results/cadres`);
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json() as CadreResultsView;
    expect(results.period.key).toBe('2023');
    const ranking = (await admin.get(`${base}/ranking?period=2023`)).json().rows as {
      unitCode: string;
      rank: number;
      score: number;
    }[];
    const ratings = (await admin.get(`${base}/star-ratings`)).json().rows as {
      unitCode: string;
      count: number;
    }[];
    const red = new Set(
      ((await admin.get(`${base}/warnings?level=red`)).json().rows as { unitCode: string }[]).map(
        (w) => w.unitCode,
      ),
    );
    expect(results.rankedUnits).toBe(ranking.length);
    const cadres = ((await admin.get('/api/cadres')).json() as CadreListView).rows;
    // Every active cadre once (the one who left is not assessed).
    expect(results.rows.map((r) => r.cadre.id).sort()).toEqual(cadres.map((c) => c.id).sort());
    for (const row of results.rows) {
      const mine = row.cadre.units.map((u) => ranking.find((r) => r.unitCode === u.code));
      expect(row.units.map((u) => u.rank)).toEqual(mine.map((r) => r?.rank ?? null));
      expect(row.units.map((u) => u.score)).toEqual(mine.map((r) => (r ? round2(r.score) : null)));
      expect(row.units.map((u) => u.stars)).toEqual(
        row.cadre.units.map((u) => ratings.find((r) => r.unitCode === u.code)?.count ?? null),
      );
      expect(row.units.map((u) => u.redWarning)).toEqual(row.cadre.units.map((u) => red.has(u.code)));
      const scores = mine.filter((r) => r !== undefined).map((r) => r.score);
      expect(row.meanScore).toBe(round2(scores.reduce((a, b) => a + b, 0) / scores.length));
      expect(row.bestRank).toBe(Math.min(...mine.map((r) => r?.rank ?? Number.POSITIVE_INFINITY)));
      expect(row.redWarnings).toBe(row.units.filter((u) => u.redWarning).length);
    }
    // Ranked within each kind by mean score: street cadres first, then 驻村干部, each 1, 2, …
    for (const kind of ['street', 'stationed'] as const) {
      const same = results.rows.filter((r) => r.cadre.kind === kind);
      expect(same.map((r) => r.meanScore)).toEqual(
        [...same.map((r) => r.meanScore)].sort((a, b) => (b ?? 0) - (a ?? 0)),
      );
      expect(same[0]?.rank).toBe(1);
    }
    expect(results.rows.findIndex((r) => r.cadre.kind === 'stationed')).toBe(
      results.rows.filter((r) => r.cadre.kind === 'street').length,
    );

    // A quarter: no stars; the street admin sees its own street's cadres with district-wide ranks.
    const street = await env().login('street');
    const quarter = (await street.get(`${base}/results/cadres?period=2023-Q2`)).json() as CadreResultsView;
    expect(new Set(quarter.rows.map((r) => r.cadre.street.code))).toEqual(new Set(['LX']));
    expect(quarter.rows.every((r) => r.starsTotal === null)).toBe(true);
    const q2 = (await admin.get(`${base}/ranking?period=2023-Q2`)).json().rows as {
      unitCode: string;
      rank: number;
    }[];
    for (const row of quarter.rows)
      expect(row.units.map((u) => u.rank)).toEqual(
        row.cadre.units.map((u) => q2.find((r) => r.unitCode === u.code)?.rank),
      );
    const bad = await admin.get(`${base}/results/cadres?period=2019`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('period');

    const file = await admin.get(`${base}/results/cadres/export`);
    expect(file.statusCode).toBe(200);
    const sheet = await sheetRows(file.rawPayload, '干部考核');
    expect(sheet[1]?.slice(0, 3)).toEqual(['同类排名', '姓名', '类别']);
    expect(sheet.slice(2).map((r) => [r[0], r[1], r[7]])).toEqual(
      results.rows.map((r) => [r.rank, r.cadre.name, r.meanScore]),
    );
    const detail = await sheetRows(file.rawPayload, '联系村明细');
    expect(detail.length - 2).toBe(results.rows.reduce((n, r) => n + r.units.length, 0));
  });
});
