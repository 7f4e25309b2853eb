import { describe, expect, it } from 'vitest';
import { workedExampleModel } from './fixtures/workedExample';
import type { BonusInput, CampaignModel, ProblemInput, ScoreInput, UnitInput } from './model';
import { defaultFiveStarModel } from './model';
import {
  computeUnitResults,
  computeUnitResultsForMonths,
  itemScore,
  type StarResult,
  type UnitResult,
} from './scoring';

const model: CampaignModel = workedExampleModel; // 2023, stars ZB and CY, default modules and items

function unit(code: string, targets: string[], weight = 1): UnitInput {
  return { code, name: code, targets, weight };
}

function score(u: string, item: string, ...points: number[]): ScoreInput {
  return { unit: u, item, points, na: false };
}

function na(u: string, item: string): ScoreInput {
  return { unit: u, item, points: [], na: true };
}

function star(result: UnitResult | undefined, code: string): StarResult {
  const s = result?.stars.find((x) => x.star === code);
  if (!s) throw new Error(`no star ${code}`);
  return s;
}

function one(
  units: UnitInput[],
  scores: ScoreInput[],
  t: string,
  bonuses: BonusInput[] = [],
  problems: ProblemInput[] = [],
  m: CampaignModel = model,
): UnitResult {
  const [first] = computeUnitResults(m, units, scores, bonuses, problems, t);
  if (!first) throw new Error('no result');
  return first;
}

describe('itemScore', () => {
  it('is 0 when nobody scored', () => {
    expect(itemScore([], 10, true)).toBe(0);
    expect(itemScore([Number.NaN], 10, false)).toBe(0);
  });

  it('is the mean of the scorers', () => {
    expect(itemScore([8, 9], 10, true)).toBe(8.5);
    expect(itemScore([7], 10, false)).toBe(7);
  });

  it('does not trim with 4 scorers', () => {
    expect(itemScore([1, 5, 6, 10], 10, true)).toBe(5.5);
  });

  it('drops one highest and one lowest with 5 or more scorers when trimming', () => {
    expect(itemScore([1, 5, 6, 7, 10], 10, true)).toBe(6);
    expect(itemScore([1, 5, 6, 7, 10], 10, false)).toBe(5.8);
    // only one of the equal extremes is dropped
    expect(itemScore([10, 10, 4, 4, 4], 10, true)).toBe(6);
    expect(itemScore([70, 80, 90, 100, 60, 75], 100, true)).toBe(78.75);
  });

  it('clamps the resulting score to [0, max]', () => {
    expect(itemScore([15], 10, false)).toBe(10);
    expect(itemScore([-3], 10, false)).toBe(0);
    // the mean is clamped, not each point: (20 + 0) / 2 = 10
    expect(itemScore([20, 0], 10, false)).toBe(10);
    expect(itemScore([-4, 6], 10, false)).toBe(1);
  });
});

describe('computeUnitResults: targets', () => {
  it('gives a unit without targets score 0 and rate null', () => {
    const r = computeUnitResults(model, [unit('A', [])], [score('A', 'RC-ZB-01', 10)], [], [], '2023-03');
    expect(r).toEqual([{ unit: 'A', stars: [], score: 0, rate: null }]);
  });

  it('ignores targets the model does not declare, duplicates, and lists stars in model order', () => {
    const r = one([unit('A', ['CY', 'XX', 'ZB', 'CY'])], [], '2023-01');
    expect(r.stars.map((s) => s.star)).toEqual(['ZB', 'CY']);
    expect(one([unit('A', ['XX'])], [], '2023-01')).toEqual({ unit: 'A', stars: [], score: 0, rate: null });
  });

  it('returns results in the order of the units, also for units without scores', () => {
    const r = computeUnitResults(model, [unit('B', ['ZB']), unit('A', ['ZB'])], [], [], [], '2023-01');
    expect(r.map((x) => x.unit)).toEqual(['B', 'A']);
  });
});

describe('computeUnitResults: plan modules', () => {
  it('counts unscored items as 0 and scales each module by its budget', () => {
    const r = one([unit('A', ['ZB'])], [score('A', 'RC-ZB-01', 10), score('A', 'DD-ZB-02', 60)], '2023-02');
    const zb = star(r, 'ZB');
    expect(zb.modules).toEqual({ RC: (30 * 10) / 120, DD: (40 * 60) / 1200, DQ: 0, ND: 0 });
    expect(zb.score).toBeCloseTo(2.5 + 2, 12);
    expect(zb.due).toBeCloseTo(30 * (20 / 120) + 40 * (200 / 1200), 12);
    expect(zb.rate).toBeCloseTo((100 * 4.5) / zb.due, 12);
    expect(r.score).toBe(zb.score);
    expect(r.rate).toBe(zb.rate);
  });

  it('only counts items due by t, even when later items are already scored', () => {
    const r = one([unit('A', ['ZB'])], [score('A', 'RC-ZB-01', 10), score('A', 'RC-ZB-02', 10)], '2023-01');
    expect(star(r, 'ZB').modules.RC).toBe(2.5);
  });

  it('has nothing due and a null rate before the campaign year starts', () => {
    const r = one([unit('A', ['ZB'])], [score('A', 'RC-ZB-01', 10)], '2022-12');
    expect(star(r, 'ZB')).toMatchObject({ score: 0, due: 0, rate: null });
    expect(r.rate).toBeNull();
  });

  it('gives rate 0, not null, when items are due but unscored', () => {
    const r = one([unit('A', ['ZB'])], [], '2023-01');
    expect(star(r, 'ZB').rate).toBe(0);
    expect(r.rate).toBe(0);
  });

  it('takes N/A items out of the plan and out of the points due', () => {
    const r = one(
      [unit('A', ['ZB'])],
      [na('A', 'RC-ZB-01'), score('A', 'RC-ZB-02', 10), { ...score('A', 'RC-ZB-03', 10), na: true }],
      '2023-03',
    );
    const zb = star(r, 'ZB');
    // X_RC = 120 − 10 − 10 = 100; only RC-ZB-02 counts; the N/A item's 10 points are ignored
    expect(zb.modules.RC).toBe(3);
    expect(zb.due).toBeCloseTo(30 * (10 / 100) + 40 * (300 / 1200), 12);
  });

  it('gives a module whose items are all N/A no points and nothing due', () => {
    const scores = Array.from({ length: 12 }, (_, i) => na('A', `RC-ZB-${String(i + 1).padStart(2, '0')}`));
    const r = one([unit('A', ['ZB'])], [...scores, score('A', 'DD-ZB-01', 100)], '2023-12');
    const zb = star(r, 'ZB');
    expect(zb.modules.RC).toBe(0);
    expect(zb.due).toBe(40 + 20);
    expect(zb.rate).toBeCloseTo((100 * (40 / 12)) / 60, 12);
  });

  it('clamps negative and over-max points per item', () => {
    const r = one([unit('A', ['ZB'])], [score('A', 'RC-ZB-01', 15), score('A', 'DD-ZB-01', -30)], '2023-01');
    expect(star(r, 'ZB').modules).toMatchObject({ RC: 2.5, DD: 0 });
  });

  it('trims per the model unless the score overrides it', () => {
    const five = [0, 60, 70, 80, 100];
    const trimmed = one([unit('A', ['ZB'])], [score('A', 'DD-ZB-01', ...five)], '2023-01');
    expect(star(trimmed, 'ZB').modules.DD).toBeCloseTo((40 * 70) / 1200, 12);
    const plain = one([unit('A', ['ZB'])], [{ ...score('A', 'DD-ZB-01', ...five), trim: false }], '2023-01');
    expect(star(plain, 'ZB').modules.DD).toBeCloseTo((40 * 62) / 1200, 12);
    const four = one([unit('A', ['ZB'])], [score('A', 'DD-ZB-01', 0, 60, 80, 100)], '2023-01');
    expect(star(four, 'ZB').modules.DD).toBeCloseTo((40 * 60) / 1200, 12);
    const off = one([unit('A', ['ZB'])], [score('A', 'DD-ZB-01', ...five)], '2023-01', [], [], {
      ...model,
      trim: false,
    });
    expect(star(off, 'ZB').modules.DD).toBeCloseTo((40 * 62) / 1200, 12);
  });

  it('pools several rows for the same unit and item as more scorers', () => {
    const rows = [0, 60, 70, 80, 100].map((p) => score('A', 'DD-ZB-01', p));
    const r = one([unit('A', ['ZB'])], rows, '2023-01');
    expect(star(r, 'ZB').modules.DD).toBeCloseTo((40 * 70) / 1200, 12);
    const withNa = one([unit('A', ['ZB'])], [...rows, na('A', 'DD-ZB-01')], '2023-01');
    expect(star(withNa, 'ZB')).toMatchObject({ modules: { DD: 0 }, due: 30 * (10 / 120) });
  });

  it('ignores scores of unknown units and items and of stars the unit does not target', () => {
    const r = computeUnitResults(
      model,
      [unit('A', ['ZB'])],
      [
        score('Z', 'RC-ZB-01', 10),
        score('A', 'NOPE', 10),
        score('A', 'RC-CY-01', 10),
        score('A', 'RC-ZB-01', 4),
      ],
      [],
      [],
      '2023-01',
    );
    expect(r).toHaveLength(1);
    expect(r[0]?.stars.map((s) => s.star)).toEqual(['ZB']);
    expect(star(r[0], 'ZB').modules.RC).toBe(1);
  });

  it('reaches exactly 100 with full marks all year and the bonus cap', () => {
    const items = model.items.filter((i) => i.star === 'ZB');
    const r = one(
      [unit('A', ['ZB'])],
      items.map((i) => score('A', i.code, i.max)),
      '2023-12',
      [{ unit: 'A', star: 'ZB', module: 'DQ', month: '2023-06', points: 10 }],
    );
    expect(star(r, 'ZB')).toMatchObject({ score: 100, due: 90, rate: 100 });
  });
});

describe('computeUnitResults: bonus modules', () => {
  const b = (month: string, points: number, s = 'ZB', u = 'A', module = 'DQ'): BonusInput => ({
    unit: u,
    star: s,
    module,
    month,
    points,
  });

  it('sums bonuses awarded by t, capped at the budget', () => {
    const bonuses = [b('2023-01', 6), b('2023-02', 7), b('2023-04', 5)];
    expect(star(one([unit('A', ['ZB'])], [], '2023-01', bonuses), 'ZB').modules.DQ).toBe(6);
    expect(star(one([unit('A', ['ZB'])], [], '2023-02', bonuses), 'ZB').modules.DQ).toBe(10);
    expect(star(one([unit('A', ['ZB'])], [], '2023-12', bonuses), 'ZB').score).toBe(10);
  });

  it('never goes below 0', () => {
    expect(star(one([unit('A', ['ZB'])], [], '2023-03', [b('2023-01', -5)]), 'ZB').modules.DQ).toBe(0);
    expect(
      star(one([unit('A', ['ZB'])], [], '2023-03', [b('2023-01', -5), b('2023-02', 7)]), 'ZB').modules.DQ,
    ).toBe(2);
  });

  it('ignores bonuses of other stars, units, modules, and months outside the year', () => {
    const r = one([unit('A', ['ZB'])], [], '2024-06', [
      b('2023-01', 3, 'CY'),
      b('2023-01', 3, 'ZB', 'B'),
      b('2023-01', 3, 'ZB', 'A', 'RC'),
      b('2022-12', 3),
      b('2024-01', 3),
    ]);
    expect(star(r, 'ZB').modules).toEqual({ RC: 0, DD: 0, DQ: 0, ND: 0 });
  });

  it('leaves the bonus out of the rate', () => {
    const r = one([unit('A', ['ZB'])], [score('A', 'RC-ZB-01', 10)], '2023-01', [b('2023-01', 4)]);
    const zb = star(r, 'ZB');
    expect(zb.score).toBe(6.5);
    expect(zb.rate).toBeCloseTo((100 * 2.5) / (2.5 + 40 / 12), 12);
  });
});

describe('computeUnitResults: problem deductions', () => {
  // A/ZB at 2023-03 has DD 40·270/1200 = 9
  const scores = [score('A', 'DD-ZB-01', 90), score('A', 'DD-ZB-02', 85), score('A', 'DD-ZB-03', 95)];
  const problem = (over: Partial<ProblemInput> = {}): ProblemInput => ({
    id: 'P1',
    title: '台账不全',
    unit: 'A',
    star: 'ZB',
    deadline: '2023-01-15',
    closedOn: null,
    ...over,
  });

  it('deducts 0.5 from DD at each month-end up to t while overdue and open, one line each', () => {
    const zb = star(one([unit('A', ['ZB'])], scores, '2023-03', [], [problem()]), 'ZB');
    expect(zb.modules.DD).toBe(7.5);
    expect(zb.score).toBe(7.5);
    expect(zb.deductions).toEqual([
      { problemId: 'P1', title: '台账不全', monthEnd: '2023-01', points: 0.5 },
      { problemId: 'P1', title: '台账不全', monthEnd: '2023-02', points: 0.5 },
      { problemId: 'P1', title: '台账不全', monthEnd: '2023-03', points: 0.5 },
    ]);
    expect(zb.rate).toBeCloseTo((100 * 7.5) / 17.5, 12);
  });

  it('only counts month-ends up to t', () => {
    const zb = star(one([unit('A', ['ZB'])], scores, '2023-01', [], [problem()]), 'ZB');
    expect(zb.deductions.map((d) => d.monthEnd)).toEqual(['2023-01']);
    expect(zb.modules.DD).toBe(2.5);
  });

  it('stops once the problem is closed before a month-end', () => {
    const zb = star(
      one([unit('A', ['ZB'])], scores, '2023-03', [], [problem({ closedOn: '2023-02-10' })]),
      'ZB',
    );
    expect(zb.deductions.map((d) => d.monthEnd)).toEqual(['2023-01']);
    expect(zb.modules.DD).toBe(8.5);
  });

  it('treats a problem closed on the month-end itself as closed, and one due on it as not yet overdue', () => {
    const closed = star(
      one([unit('A', ['ZB'])], scores, '2023-03', [], [problem({ closedOn: '2023-02-28' })]),
      'ZB',
    );
    expect(closed.deductions.map((d) => d.monthEnd)).toEqual(['2023-01']);
    const dueOnEnd = star(
      one([unit('A', ['ZB'])], scores, '2023-03', [], [problem({ deadline: '2023-01-31' })]),
      'ZB',
    );
    expect(dueOnEnd.deductions.map((d) => d.monthEnd)).toEqual(['2023-02', '2023-03']);
    const later = star(
      one([unit('A', ['ZB'])], scores, '2023-03', [], [problem({ deadline: '2023-06-30' })]),
      'ZB',
    );
    expect(later.deductions).toEqual([]);
  });

  it('never takes the module below 0 and lists only the points actually taken', () => {
    // DD 40·21/1200 = 0.7 at 2023-02, two overdue month-ends
    const zb = star(one([unit('A', ['ZB'])], [score('A', 'DD-ZB-01', 21)], '2023-02', [], [problem()]), 'ZB');
    expect(zb.modules.DD).toBe(0);
    expect(zb.deductions).toHaveLength(2);
    expect(zb.deductions[0]?.points).toBe(0.5);
    expect(zb.deductions[1]?.points).toBeCloseTo(0.2, 12);
    const none = star(one([unit('A', ['ZB'])], [], '2023-03', [], [problem(), problem({ id: 'P2' })]), 'ZB');
    expect(none.modules.DD).toBe(0);
    expect(none.deductions).toEqual([]);
  });

  it('lists several problems per month-end in input order', () => {
    const zb = star(
      one([unit('A', ['ZB'])], scores, '2023-02', [], [problem(), problem({ id: 'P2', title: '整改滞后' })]),
      'ZB',
    );
    expect(zb.deductions.map((d) => `${d.monthEnd} ${d.problemId}`)).toEqual([
      '2023-01 P1',
      '2023-01 P2',
      '2023-02 P1',
      '2023-02 P2',
    ]);
    expect(zb.modules.DD).toBe(9 * (175 / 270) - 2);
  });

  it('ignores problems of other stars or units, and honours the deduction module and amount', () => {
    const others = [problem({ star: 'CY' }), problem({ unit: 'B' })];
    expect(star(one([unit('A', ['ZB'])], scores, '2023-03', [], others), 'ZB').deductions).toEqual([]);
    const rc = star(
      one([unit('A', ['ZB'])], [...scores, score('A', 'RC-ZB-01', 10)], '2023-01', [], [problem()], {
        ...model,
        deductionModule: 'RC',
        problemDeduction: 1,
      }),
      'ZB',
    );
    expect(rc.modules).toMatchObject({ RC: 1.5, DD: 3 });
    const missing = star(
      one([unit('A', ['ZB'])], scores, '2023-03', [], [problem()], { ...model, deductionModule: 'XX' }),
      'ZB',
    );
    expect(missing.deductions).toEqual([]);
  });
});

describe('computeUnitResults: units', () => {
  it('averages target stars for U and non-null star rates for the unit rate', () => {
    const r = one(
      [unit('A', ['ZB', 'CY'])],
      [score('A', 'RC-ZB-01', 10), score('A', 'RC-CY-01', 5)],
      '2023-01',
    );
    expect(r.score).toBeCloseTo((2.5 + 1.25) / 2, 12);
    const rates = r.stars.map((s) => s.rate ?? 0);
    expect(r.rate).toBeCloseTo(((rates[0] ?? 0) + (rates[1] ?? 0)) / 2, 12);
  });

  it('skips null star rates in the unit rate', () => {
    const m: CampaignModel = { ...model, items: model.items.filter((i) => i.star === 'ZB') };
    const r = one([unit('A', ['ZB', 'CY'])], [score('A', 'RC-ZB-01', 10)], '2023-01', [], [], m);
    expect(star(r, 'CY').rate).toBeNull();
    expect(r.rate).toBe(star(r, 'ZB').rate);
  });
});

describe('computeUnitResultsForMonths', () => {
  it('matches computeUnitResults for every month requested, in any order and with repeats', () => {
    const units = [unit('A', ['ZB', 'CY']), unit('B', ['ZB'])];
    const scores = [
      score('A', 'RC-ZB-01', 7),
      score('A', 'DD-ZB-04', 66, 70, 90, 10, 80),
      score('B', 'RC-ZB-06', 9),
      na('B', 'DD-ZB-02'),
      score('A', 'ND-CY-12', 77),
    ];
    const bonuses: BonusInput[] = [{ unit: 'A', star: 'CY', module: 'DQ', month: '2023-05', points: 4 }];
    const problems: ProblemInput[] = [
      { id: 'P', title: 't', unit: 'A', star: 'ZB', deadline: '2023-03-01', closedOn: '2023-07-02' },
    ];
    const months = ['2023-12', '2023-03', '2023-06', '2023-03', '2022-11', '2024-01'];
    const all = computeUnitResultsForMonths(model, units, scores, bonuses, problems, months);
    expect([...all.keys()]).toEqual(['2023-12', '2023-03', '2023-06', '2022-11', '2024-01']);
    for (const t of months) {
      expect(all.get(t)).toEqual(computeUnitResults(model, units, scores, bonuses, problems, t));
    }
  });

  it('rejects malformed months', () => {
    expect(() => computeUnitResultsForMonths(model, [], [], [], [], ['2023-3'])).toThrow(/无效的月份/);
    expect(() => computeUnitResults(model, [], [], [], [], '2023-Q1')).toThrow(/无效的月份/);
  });
});

describe('problem deductions without float drift', () => {
  it('takes exactly the configured deduction per line and the remainder last', () => {
    const model = {
      ...defaultFiveStarModel(2023),
      problemDeduction: 1.3,
      items: [
        { code: 'DD-1', name: 'DD', star: 'ZB', module: 'DD', month: '2023-05', max: 5.819721688466916 },
      ],
    };
    const [r] = computeUnitResults(
      model,
      [{ code: 'U', name: 'U', targets: ['ZB'], weight: 1 }],
      [{ unit: 'U', item: 'DD-1', points: [2], na: false }],
      [],
      [{ id: 'P', title: 'p', unit: 'U', star: 'ZB', deadline: '2023-01-01', closedOn: null }],
      '2023-12',
    );
    const lines = r?.stars[0]?.deductions.map((d) => d.points) ?? [];
    expect(lines.slice(0, -1).every((p) => p === 1.3)).toBe(true);
    expect(lines.every((p) => p > 0 && p <= 1.3)).toBe(true);
    expect(r?.stars[0]?.modules.DD).toBe(0);
  });
});
