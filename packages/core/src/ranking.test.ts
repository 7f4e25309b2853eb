import { describe, expect, it } from 'vitest';
import type { UnitInput } from './model';
import { type Membership, rankRows, streetScores } from './ranking';
import type { StarResult, UnitResult } from './scoring';

describe('rankRows', () => {
  it('sorts by displayed score, descending', () => {
    const r = rankRows([
      { code: 'A', score: 4.6666 },
      { code: 'B', score: 5.6666 },
      { code: 'C', score: 5.2416 },
    ]);
    expect(r.map((x) => [x.code, x.rank, x.display])).toEqual([
      ['B', 1, 5.67],
      ['C', 2, 5.24],
      ['A', 3, 4.67],
    ]);
  });

  it('shares a rank for equal displayed scores and skips the next (1, 2, 2, 4), listing ties by code', () => {
    const r = rankRows([
      { code: 'D', score: 3 },
      { code: 'C', score: 5.671 },
      { code: 'B', score: 5.674 },
      { code: 'A', score: 9 },
    ]);
    expect(r.map((x) => `${x.code}${x.rank}`)).toEqual(['A1', 'B2', 'C2', 'D4']);
    expect(r[1]?.score).toBe(5.674);
    expect(r[1]?.display).toBe(5.67);
  });

  it('does not tie 5.675 with 5.674 (half up at the third decimal)', () => {
    const r = rankRows([
      { code: 'A', score: 5.674 },
      { code: 'B', score: 5.675 },
    ]);
    expect(r.map((x) => `${x.code}${x.rank}`)).toEqual(['B1', 'A2']);
  });

  it('computes the change against the previous period, null when there is none', () => {
    const previous = new Map([
      ['A', 1],
      ['B', 3],
    ]);
    const r = rankRows(
      [
        { code: 'A', score: 1 },
        { code: 'B', score: 3 },
        { code: 'C', score: 2 },
      ],
      previous,
    );
    expect(r.map((x) => [x.code, x.rank, x.change])).toEqual([
      ['B', 1, 2],
      ['C', 2, null],
      ['A', 3, -2],
    ]);
    expect(rankRows([{ code: 'A', score: 1 }]).map((x) => x.change)).toEqual([null]);
  });

  it('handles an empty list', () => {
    expect(rankRows([])).toEqual([]);
  });
});

function starResult(star: string, score: number): StarResult {
  return { star, modules: {}, score, due: 0, rate: null, deductions: [] };
}

function result(unit: string, stars: Record<string, number>): UnitResult {
  const list = Object.entries(stars).map(([s, v]) => starResult(s, v));
  const score = list.length ? list.reduce((a, s) => a + s.score, 0) / list.length : 0;
  return { unit, stars: list, score, rate: null };
}

const units: UnitInput[] = [
  { code: 'A', name: '甲村', targets: ['ZB', 'CY'], weight: 1 },
  { code: 'B', name: '乙村', targets: ['ZB'], weight: 1 },
  { code: 'C', name: '丙社区', targets: ['ZB', 'CY'], weight: 2 },
];
const results = [result('A', { ZB: 10, CY: 20 }), result('B', { ZB: 30 }), result('C', { ZB: 40, CY: 60 })];

describe('streetScores', () => {
  it('takes the weighted mean of member units and of each star over the units targeting it', () => {
    const membership: Membership[] = [
      { unit: 'A', street: 'S1' },
      { unit: 'B', street: 'S1' },
      { unit: 'C', street: 'S1' },
    ];
    const [s1] = streetScores(results, units, membership);
    // U: A 15, B 30, C 50 (weight 2) → (15 + 30 + 100) / 4
    expect(s1).toEqual({ street: 'S1', score: 36.25, units: 3, stars: { ZB: 30, CY: (20 + 120) / 3 } });
  });

  it('reflects a unit that moved between streets mid-year', () => {
    // Q1: B belongs to S1; Q2: B has moved to S2 (the caller resolves membership at each period's end)
    const q1: Membership[] = [
      { unit: 'A', street: 'S1' },
      { unit: 'B', street: 'S1' },
      { unit: 'C', street: 'S2' },
    ];
    const q2: Membership[] = [
      { unit: 'A', street: 'S1' },
      { unit: 'B', street: 'S2' },
      { unit: 'C', street: 'S2' },
    ];
    const byStreet = (m: Membership[]) =>
      Object.fromEntries(streetScores(results, units, m).map((s) => [s.street, [s.score, s.units]]));
    expect(byStreet(q1)).toEqual({ S1: [22.5, 2], S2: [50, 1] });
    expect(byStreet(q2)).toEqual({ S1: [15, 1], S2: [130 / 3, 2] });
  });

  it('gives a street without units score 0 and null stars', () => {
    const out = streetScores(
      results,
      units,
      [{ unit: 'B', street: 'S1' }],
      [
        { code: 'S0', name: '空街道' },
        { code: 'S1', name: '一街道' },
      ],
    );
    expect(out).toEqual([
      { street: 'S0', score: 0, units: 0, stars: { ZB: null, CY: null } },
      { street: 'S1', score: 30, units: 1, stars: { ZB: 30, CY: null } },
    ]);
  });

  it('skips members without a result, defaults the weight to 1 and lets the last membership win', () => {
    const out = streetScores([...results, result('X', { ZB: 90 })], units, [
      { unit: 'Z', street: 'S1' },
      { unit: 'X', street: 'S2' },
      { unit: 'X', street: 'S1' },
      { unit: 'B', street: 'S1' },
    ]);
    expect(out.map((s) => [s.street, s.score, s.units])).toEqual([
      ['S1', 60, 2],
      ['S2', 0, 0],
    ]);
  });
});
