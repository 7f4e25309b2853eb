import { describe, expect, it } from 'vitest';
import { workedExample } from './fixtures/workedExample';
import { validateModel } from './model';
import { parsePeriod } from './periods';
import { rankRows, streetScores } from './ranking';
import { format2, round2 } from './rounding';
import { computeUnitResults, computeUnitResultsForMonths } from './scoring';

const { model, units, scores, bonuses, membership, street, expected } = workedExample;

function resultsFor(periodKey: string) {
  return computeUnitResults(model, units, scores, bonuses, [], parsePeriod(periodKey).end);
}

describe('the worked example of SCORING.md', () => {
  it('is a valid model with the fixture shaped as described', () => {
    expect(validateModel(model)).toEqual([]);
    expect(model.year).toBe(2023);
    expect(model.stars.map((s) => s.code)).toEqual(['ZB', 'CY']);
    expect(model.items).toHaveLength(50);
    expect(scores).toHaveLength(30);
    expect(street).toEqual({ code: 'S1', name: '示例街道' });
    expect(units.map((u) => `${u.code} ${u.name} ${u.targets.join(',')}`)).toEqual([
      'A 甲村 ZB,CY',
      'B 乙村 ZB',
      'C 丙社区 ZB,CY',
    ]);
  });

  it('gives A/ZB in 2023-Q1: RC 7.00, DD 9.00, DQ 2, S 18.00, rate 91.43', () => {
    const a = resultsFor('2023-Q1').find((r) => r.unit === 'A');
    const zb = a?.stars.find((s) => s.star === 'ZB');
    expect(zb).toBeDefined();
    if (!zb) return;
    expect(format2(zb.modules.RC ?? Number.NaN)).toBe('7.00');
    expect(format2(zb.modules.DD ?? Number.NaN)).toBe('9.00');
    expect(zb.modules.DQ).toBe(2);
    expect(zb.modules.ND).toBe(0);
    expect(format2(zb.score)).toBe('18.00');
    expect(zb.due).toBe(17.5);
    expect(round2(zb.rate ?? Number.NaN)).toBe(91.43);
    expect(expected.aZbQ1).toEqual({ RC: 7, DD: 9, DQ: 2, score: 18, rate: 91.43 });
  });

  for (const table of expected.rankings) {
    it(`ranks ${table.period} as in the table`, () => {
      const results = resultsFor(table.period);
      const ranked = rankRows(results.map((r) => ({ code: r.unit, score: r.score })));
      expect(ranked.map((r) => ({ code: r.code, rank: r.rank, score: r.display }))).toEqual(
        table.units.map((u) => ({ code: u.code, rank: u.rank, score: u.score })),
      );
      for (const u of table.units) {
        const r = results.find((x) => x.unit === u.code);
        expect(Object.fromEntries((r?.stars ?? []).map((s) => [s.star, round2(s.score)]))).toEqual(u.stars);
      }
      const [s1] = streetScores(results, units, membership, [street]);
      expect(s1?.units).toBe(3);
      expect(round2(s1?.score ?? Number.NaN)).toBe(table.street);
    });
  }

  it('shows the 2023-Q1 figures with two decimals, half up (A: 15.625 → 15.63)', () => {
    const results = resultsFor('2023-Q1');
    expect(results.map((r) => `${r.unit} ${format2(r.score)}`)).toEqual(['A 15.63', 'B 16.83', 'C 17.32']);
    expect(results.find((r) => r.unit === 'A')?.score).toBe(15.625);
  });

  it('computes the same figures in one pass over all months', () => {
    const all = computeUnitResultsForMonths(model, units, scores, bonuses, [], ['2023-01', '2023-03']);
    expect(all.get('2023-01')).toEqual(resultsFor('2023-01'));
    expect(all.get('2023-03')).toEqual(resultsFor('2023-Q1'));
  });

  it('ranks 2023-Q1 against 2023-Q1 only: the first quarter has no change', () => {
    const ranked = rankRows(resultsFor('2023-Q1').map((r) => ({ code: r.unit, score: r.score })));
    expect(ranked.map((r) => r.change)).toEqual([null, null, null]);
    // month vs month: February against January
    const jan = rankRows(resultsFor('2023-01').map((r) => ({ code: r.unit, score: r.score })));
    const feb = rankRows(
      resultsFor('2023-02').map((r) => ({ code: r.unit, score: r.score })),
      new Map(jan.map((r) => [r.code, r.rank])),
    );
    for (const row of feb) {
      const before = jan.find((r) => r.code === row.code)?.rank ?? 0;
      expect(row.change).toBe(before - row.rank);
    }
  });
});
