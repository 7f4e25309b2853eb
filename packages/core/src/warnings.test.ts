import { describe, expect, it } from 'vitest';
import { rankRows } from './ranking';
import {
  type ActiveWarning,
  bottomCutoffRank,
  DEFAULT_WARNING_RULES,
  evaluateWarnings,
  overdueCounts,
  planWarningChanges,
  talkDueOn,
  talkStatus,
  type WarningInput,
  type WarningResult,
} from './warnings';

/** Ranked inputs through core's rankRows (displayed-score ranks), with rates and overdue counts. */
function ranked(
  rows: { code: string; score: number; rate?: number | null; overdue?: number }[],
): WarningInput[] {
  const info = new Map(rows.map((r) => [r.code, r]));
  return rankRows(rows).map((r) => ({
    code: r.code,
    rank: r.rank,
    score: r.score,
    rate: info.get(r.code)?.rate ?? 90,
    overdue: info.get(r.code)?.overdue ?? 0,
  }));
}

describe('warning rules', () => {
  it('warns the bottom 3 yellow, with the figures', () => {
    const rows = ranked([
      { code: 'A', score: 90 },
      { code: 'B', score: 80 },
      { code: 'C', score: 70 },
      { code: 'D', score: 60 },
      { code: 'E', score: 50 },
      { code: 'F', score: 40 },
    ]);
    const out = evaluateWarnings(rows, DEFAULT_WARNING_RULES);
    expect(out.map((w) => [w.code, w.level, w.reasons, w.rank, w.total])).toEqual([
      ['D', 'yellow', ['bottom'], 4, 6],
      ['E', 'yellow', ['bottom'], 5, 6],
      ['F', 'yellow', ['bottom'], 6, 6],
    ]);
    expect(out[0]?.bottomCutoffRank).toBe(4);
  });

  it('includes every unit sharing the boundary rank (ties at the 3rd from bottom)', () => {
    // Displayed scores 90, 80, 70.004→70.00, 70.001→70.00, 50, 40: C and D share rank 3; bottom 3 from rank 3.
    const rows = ranked([
      { code: 'A', score: 90 },
      { code: 'B', score: 80 },
      { code: 'C', score: 70.004 },
      { code: 'D', score: 70.001 },
      { code: 'E', score: 50 },
      { code: 'F', score: 40 },
    ]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 3, 5, 6]);
    const out = evaluateWarnings(rows, DEFAULT_WARNING_RULES);
    expect(out.map((w) => w.code)).toEqual(['C', 'D', 'E', 'F']);
    // A tie above the boundary changes nothing: B and C share rank 2, the bottom 3 are still D, E, F.
    const above = ranked([
      { code: 'A', score: 90 },
      { code: 'B', score: 80 },
      { code: 'C', score: 80 },
      { code: 'D', score: 60 },
      { code: 'E', score: 50 },
      { code: 'F', score: 40 },
    ]);
    expect(evaluateWarnings(above, DEFAULT_WARNING_RULES).map((w) => w.code)).toEqual(['D', 'E', 'F']);
    // A tie for last place: the two last units plus the one above them.
    expect(bottomCutoffRank([1, 2, 3, 4, 5, 5], 3)).toBe(4);
    expect(bottomCutoffRank([1, 2, 2, 2], 3)).toBe(2);
    expect(bottomCutoffRank([1, 2], 3)).toBe(1);
    expect(bottomCutoffRank([1, 2, 3], 0)).toBeNull();
  });

  it('warns yellow at 3 or more overdue problems, not at 2', () => {
    const rows = ranked([
      { code: 'A', score: 90, overdue: 3 },
      { code: 'B', score: 85, overdue: 2 },
      { code: 'C', score: 80 },
      { code: 'D', score: 70 },
      { code: 'E', score: 60 },
      { code: 'F', score: 50 },
    ]);
    const out = evaluateWarnings(rows, DEFAULT_WARNING_RULES);
    expect(out.map((w) => [w.code, w.reasons])).toEqual([
      ['A', ['overdue']],
      ['D', ['bottom']],
      ['E', ['bottom']],
      ['F', ['bottom']],
    ]);
  });

  it('warns red under a displayed rate of 60; exactly 60.00 (59.995 shown as 60.00) is not red', () => {
    const rows = ranked([
      { code: 'A', score: 90, rate: 59.99 },
      { code: 'B', score: 85, rate: 59.995 },
      { code: 'C', score: 80, rate: 60 },
      { code: 'D', score: 70, rate: null },
      { code: 'E', score: 60, rate: 30, overdue: 4 },
    ]);
    const out = evaluateWarnings(rows, { ...DEFAULT_WARNING_RULES, bottomN: 0 });
    expect(out.map((w) => [w.code, w.level, w.reasons])).toEqual([
      ['A', 'red', ['rate']],
      ['E', 'red', ['overdue', 'rate']],
    ]);
  });

  it('takes configured thresholds', () => {
    const rows = ranked([
      { code: 'A', score: 90, rate: 70, overdue: 1 },
      { code: 'B', score: 80, rate: 75 },
      { code: 'C', score: 70 },
    ]);
    const out = evaluateWarnings(rows, { bottomN: 1, overdueMin: 1, redRateBelow: 72, talkDays: 5 });
    expect(out.map((w) => [w.code, w.level, w.reasons])).toEqual([
      ['A', 'red', ['overdue', 'rate']],
      ['C', 'yellow', ['bottom']],
    ]);
  });

  it('counts problems overdue and open at the quarter end', () => {
    const counts = overdueCounts(
      [
        { unit: 'A', deadline: '2023-03-30', closedOn: null },
        { unit: 'A', deadline: '2023-03-30', closedOn: '2023-04-02' },
        { unit: 'A', deadline: '2023-03-31', closedOn: null },
        { unit: 'A', deadline: '2023-03-01', closedOn: '2023-03-31' },
        { unit: 'B', deadline: '2023-02-01', closedOn: '2023-03-31' },
      ],
      '2023-03-31',
    );
    expect(counts.get('A')).toBe(2);
    expect(counts.get('B')).toBeUndefined();
  });
});

describe('talks', () => {
  it('is due 10 days after the warning and overdue after that day', () => {
    const due = talkDueOn('2023-04-05', 10);
    expect(due).toBe('2023-04-15');
    expect(talkStatus(due, null, '2023-04-15')).toBe('pending');
    expect(talkStatus(due, null, '2023-04-16')).toBe('overdue');
    expect(talkStatus(due, '2023-04-15', '2023-05-01')).toBe('done');
    expect(talkStatus(due, '2023-04-16', '2023-05-01')).toBe('late');
    expect(talkStatus(due, null, '2023-05-01', '2023-04-10')).toBe('waived');
    expect(talkStatus(due, null, '2023-05-01', '2023-04-20')).toBe('overdue');
    expect(talkDueOn('2024-02-25', 10)).toBe('2024-03-06');
  });
});

describe('planWarningChanges', () => {
  const result = (code: string, rank = 5): WarningResult => {
    const [r] = evaluateWarnings([{ code, rank, score: 10, rate: 80, overdue: 0 }], {
      ...DEFAULT_WARNING_RULES,
      bottomN: 1,
    });
    if (!r) throw new Error('no warning');
    return r;
  };
  const active = (id: string, code: string, period: string, rank = 5): ActiveWarning => ({
    id,
    code,
    period,
    level: 'yellow',
    reasons: ['bottom'],
    rank,
    total: 1,
    score: 10,
    rate: 80,
    overdue: 0,
  });

  it('keeps unchanged warnings, updates moved figures, raises new ones and lifts cleared ones', () => {
    const plan = planWarningChanges(
      '2023-Q2',
      [result('A'), result('B', 6), result('C')],
      [active('a', 'A', '2023-Q2'), active('b', 'B', '2023-Q2'), active('d', 'D', '2023-Q2')],
    );
    expect(plan.map((c) => [c.kind, 'id' in c ? c.id : c.result.code])).toEqual([
      ['keep', 'a'],
      ['update', 'b'],
      ['raise', 'C'],
      ['lift', 'd'],
    ]);
  });

  it('lifts earlier quarters for cleared units only, and never later quarters', () => {
    const plan = planWarningChanges(
      '2023-Q2',
      [result('A')],
      [active('a1', 'A', '2023-Q1'), active('b1', 'B', '2023-Q1'), active('c3', 'C', '2023-Q3')],
    );
    expect(plan.map((c) => [c.kind, 'id' in c ? c.id : c.result.code])).toEqual([
      ['lift', 'b1'],
      ['raise', 'A'],
    ]);
  });
});
