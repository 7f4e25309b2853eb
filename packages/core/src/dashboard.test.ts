import { describe, expect, it } from 'vitest';
import { itemLosses, meanOrNull, round1, SCORE_BUCKET_EDGES, scoreBuckets } from './dashboard';
import { workedExample } from './fixtures/workedExample';
import { computeUnitResults } from './scoring';

const { model, units, scores } = workedExample;

describe('scoreBuckets', () => {
  it('makes ten 10-point buckets over 0–100 with their units', () => {
    const b = scoreBuckets([
      { code: 'A', score: 5 },
      { code: 'B', score: 59.994 },
      { code: 'C', score: 59.996 },
      { code: 'D', score: 100 },
      { code: 'E', score: 90 },
    ]);
    expect(b).toHaveLength(SCORE_BUCKET_EDGES.length - 1);
    expect(b.map((x) => x.label)).toEqual([
      '0–10',
      '10–20',
      '20–30',
      '30–40',
      '40–50',
      '50–60',
      '60–70',
      '70–80',
      '80–90',
      '90–100',
    ]);
    expect(b[0]?.units).toEqual(['A']);
    // Compared as displayed: 59.996 shows as 60.00.
    expect(b[5]?.units).toEqual(['B']);
    expect(b[6]?.units).toEqual(['C']);
    // The last bucket includes its upper edge.
    expect(b[9]?.units).toEqual(['D', 'E']);
    expect(b.reduce((n, x) => n + x.count, 0)).toBe(5);
  });

  it('puts scores out of range in the end buckets', () => {
    const b = scoreBuckets([
      { code: 'L', score: -1 },
      { code: 'H', score: 101 },
    ]);
    expect(b[0]?.units).toEqual(['L']);
    expect(b[9]?.units).toEqual(['H']);
  });
});

describe('round1', () => {
  it('rounds half up to one decimal', () => {
    expect(round1(66.65)).toBe(66.7);
    expect(round1(66.64)).toBe(66.6);
    expect(round1(0.25)).toBe(0.3);
    expect(round1(100)).toBe(100);
    expect(round1((100 * 2) / 3)).toBe(66.7);
    expect(round1(-0.25)).toBe(-0.3);
  });
});

describe('meanOrNull', () => {
  it('is null over nothing and the mean otherwise', () => {
    expect(meanOrNull([])).toBeNull();
    expect(meanOrNull([1, 2, 6])).toBe(3);
  });
});

describe('itemLosses on the worked example', () => {
  const a = units.find((u) => u.code === 'A');
  if (!a) throw new Error('fixture');

  it('values each item on the star card: A/ZB RC Feb is worth 30·10/120 = 2.5 and got 30·8/120 = 2', () => {
    const losses = itemLosses(model, a, scores, '2023-03');
    const feb = losses.find((l) => l.star === 'ZB' && l.item.includes('RC') && l.item.includes('02'));
    expect(feb).toBeDefined();
    expect(feb?.max).toBeCloseTo(2.5, 10);
    expect(feb?.got).toBeCloseTo(2, 10);
    expect(feb?.lost).toBeCloseTo(0.5, 10);
    // Items due after the month are not counted yet.
    expect(losses.every((l) => model.items.find((i) => i.code === l.item)?.month ?? '' <= '2023-03')).toBe(
      true,
    );
    // Largest loss first.
    for (let i = 1; i < losses.length; i++)
      expect(losses[i - 1]?.lost ?? 0).toBeGreaterThanOrEqual(losses[i]?.lost ?? 0);
  });

  it('adds up, per star and plan module, to the module points of the scoring core', () => {
    const losses = itemLosses(model, a, scores, '2023-03');
    const result = computeUnitResults(model, [a], scores, [], [], '2023-03')[0];
    for (const star of result?.stars ?? []) {
      for (const m of model.modules.filter((x) => x.kind === 'plan')) {
        const got = losses
          .filter(
            (l) => l.star === star.star && model.items.find((i) => i.code === l.item)?.module === m.code,
          )
          .reduce((s, l) => s + l.got, 0);
        expect(got).toBeCloseTo(star.modules[m.code] ?? 0, 9);
      }
    }
  });

  it('leaves out N/A items, which also leave the plan', () => {
    const item = model.items.find((i) => i.star === 'ZB' && i.module === 'RC' && i.month === '2023-01');
    if (!item) throw new Error('fixture');
    const withNa = [...scores.filter((s) => !(s.unit === 'A' && s.item === item.code))];
    withNa.push({ unit: 'A', item: item.code, points: [], na: true });
    const losses = itemLosses(model, a, withNa, '2023-03');
    expect(losses.some((l) => l.item === item.code)).toBe(false);
    const feb = losses.find((l) => l.star === 'ZB' && l.item.includes('RC') && l.item.includes('02'));
    // X_u(RC, ZB) is now 110: the February item is worth 30·10/110.
    expect(feb?.max).toBeCloseTo(300 / 110, 10);
  });
});
