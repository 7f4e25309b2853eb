import { round2 } from '@wuxing/core';
import { beforeAll, expect, it } from 'vitest';
import type { CandidateListView, StreetSummaryView } from '../src/contracts/results';
import { CANDIDATE_HEADERS, streetSummaryHeaders } from '../src/services/results.service';
import { type Client, describeEachDialect } from './harness';
import { sheetRows } from './sheetRows';

/**
 * 结果运用 on the demo year (WX2023: 5 four-star, 1 three-star, 2 two-star, 2 one-star, 10 without a star, one
 * veto): the candidates are exactly the units the rules name, read against the star-rating and ranking pages;
 * the street summary agrees with the street ranking and the problem statistics; the workbooks carry those rows.
 */

const CAMPAIGN = 'WX2023';
const base = `/api/campaigns/${CAMPAIGN}`;

interface RatingRow {
  unitCode: string;
  streetCode: string | null;
  count: number;
  vetoes: unknown[];
}
interface RankRow {
  rank: number;
  unitCode: string;
  score: number;
}

describeEachDialect('结果运用: award candidates and the per-street summary', (env) => {
  let admin: Client;
  let ratings: RatingRow[];
  let ranking: RankRow[];

  beforeAll(async () => {
    admin = await env().login('admin');
    ratings = (await admin.get(`${base}/star-ratings`)).json().rows;
    ranking = (await admin.get(`${base}/ranking?period=2023`)).json().rows;
  });

  it('the demo year spreads over star counts as its README says', () => {
    const by = [0, 1, 2, 3, 4, 5].map((n) => ratings.filter((r) => r.count === n).length);
    expect(by).toEqual([10, 2, 2, 1, 5, 0]);
  });

  it('names exactly the units the rules name', async () => {
    const cases = [
      { q: 'minStars=3&excludeVetoed=true', min: 3, k: null, veto: true },
      { q: 'minStars=3&excludeVetoed=false', min: 3, k: null, veto: false },
      { q: 'minStars=1&topK=5&excludeVetoed=true', min: 1, k: 5, veto: true },
      { q: 'minStars=0&topK=3&excludeVetoed=false', min: 0, k: 3, veto: false },
    ];
    for (const c of cases) {
      const res = await admin.get(`${base}/results/candidates?${c.q}`);
      expect(res.statusCode, res.body).toBe(200);
      const list = res.json() as CandidateListView;
      const rankOf = new Map(ranking.map((r) => [r.unitCode, r.rank]));
      const expected = ratings
        .filter(
          (r) =>
            r.count >= c.min &&
            (c.k === null || (rankOf.get(r.unitCode) ?? Number.POSITIVE_INFINITY) <= c.k) &&
            !(c.veto && r.vetoes.length > 0),
        )
        .map((r) => r.unitCode)
        .sort();
      const got = list.rows.filter((r) => r.eligible).map((r) => r.unitCode);
      expect([...got].sort(), c.q).toEqual(expected);
      expect(list.candidates).toBe(expected.length);
      expect(list.rows).toHaveLength(ratings.length);
      // Candidates first, by rank; each row's rank and score are the ranking page's.
      expect(list.rows.slice(0, got.length).every((r) => r.eligible)).toBe(true);
      for (const r of list.rows) {
        const ranked = ranking.find((x) => x.unitCode === r.unitCode);
        expect(r.rank).toBe(ranked?.rank ?? null);
        expect(r.score).toBe(ranked ? round2(ranked.score) : null);
        if (!r.eligible) expect(r.misses.length).toBeGreaterThan(0);
      }
    }
    // The veto matters on the demo: some unit with ≥1 star is out only for its veto.
    const vetoed = (await admin.get(`${base}/results/candidates?minStars=0&excludeVetoed=true`)).json()
      .rows as CandidateListView['rows'];
    expect(vetoed.filter((r) => r.misses.join() === 'veto').length).toBe(
      ratings.filter((r) => r.vetoes.length > 0).length,
    );
  });

  it('refuses a bad rule naming the field', async () => {
    const res = await admin.get(`${base}/results/candidates?minStars=-1`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('minStars');
    expect((await admin.get(`${base}/results/candidates?topK=0`)).json().error.field).toBe('topK');
  });

  it('exports the candidates and every unit with the reasons', async () => {
    const res = await admin.get(`${base}/results/candidates/export?minStars=3&excludeVetoed=true`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('两优一先候选名单'));
    const list = (
      await admin.get(`${base}/results/candidates?minStars=3&excludeVetoed=true`)
    ).json() as CandidateListView;
    const picked = await sheetRows(res.rawPayload, '候选名单');
    expect(String(picked[0]?.[0])).toContain('星级≥3、无一票否决');
    expect(picked[1]).toEqual(CANDIDATE_HEADERS);
    const eligible = list.rows.filter((r) => r.eligible);
    expect(picked.slice(2).map((r) => r[2])).toEqual(eligible.map((r) => r.unitCode));
    expect(picked.slice(2).map((r) => r[1])).toEqual(eligible.map((r) => r.rank));
    const everyone = await sheetRows(res.rawPayload, '全部单位');
    expect(everyone.slice(2)).toHaveLength(ratings.length);
    const out = everyone.slice(2).find((r) => r[10] === '否');
    expect(out?.[11]).toBeTruthy();
    const csv = await admin.get(`${base}/results/candidates/export?minStars=3&format=csv`);
    expect(csv.body.split('\r\n')[1]).toBe(CANDIDATE_HEADERS.join(','));
  });

  it('sums each street from the ranking, the star rating and the problem statistics', async () => {
    const res = await admin.get(`${base}/results/streets`);
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json() as StreetSummaryView;
    const streets = (await admin.get(`${base}/ranking?period=2023&level=street`)).json().rows as RankRow[];
    const stats = (await admin.get(`/api/problems/stats?campaign=${CAMPAIGN}&level=street`)).json();
    expect(summary.maxStars).toBe(5);
    expect(summary.rows.map((r) => [r.rank, r.streetCode, r.score])).toEqual(
      streets.map((s) => [s.rank, s.unitCode, round2(s.score)]),
    );
    for (const row of summary.rows) {
      const mine = ratings.filter((r) => r.streetCode === row.streetCode);
      expect(row.units).toBe(mine.length);
      expect(row.byStars).toEqual([0, 1, 2, 3, 4, 5].map((n) => mine.filter((r) => r.count === n).length));
      const f = stats.rows.find((s: { unitCode: string }) => s.unitCode === row.streetCode);
      expect([row.notified, row.closed, row.overdue]).toEqual([f.notified, f.closed, f.overdue]);
      if (f.closureRate === null) expect(row.closureRate).toBeNull();
      else expect(row.closureRate).toBeCloseTo(f.closureRate, 1);
    }
    expect(summary.rows.reduce((s, r) => s + r.notified, 0)).toBe(80);
    expect(summary.rows.reduce((s, r) => s + r.closed, 0)).toBe(56);

    const file = await admin.get(`${base}/results/streets/export`);
    const rows = await sheetRows(file.rawPayload, '街道汇总');
    expect(rows[1]).toEqual(streetSummaryHeaders(5));
    expect(rows.slice(2).map((r) => [r[0], r[1], r[4], r[11], r[12]])).toEqual(
      summary.rows.map((r) => [r.rank, r.streetCode, r.units, r.notified, r.closed]),
    );
  });
});
