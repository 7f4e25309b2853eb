import { describe, expect, it } from 'vitest';
import { defaultFiveStarModel } from './model';
import { rankRatedUnits, rateStars } from './rating';
import type { UnitResult } from './scoring';

const model = defaultFiveStarModel(2023);

function result(unit: string, stars: Record<string, number>): UnitResult {
  return {
    unit,
    stars: Object.entries(stars).map(([star, score]) => ({
      star,
      modules: {},
      score,
      due: 0,
      rate: null,
      deductions: [],
    })),
    score: 0,
    rate: null,
  };
}

describe('rateStars', () => {
  it('earns each target star at or above the line', () => {
    const [r] = rateStars(model, [result('A', { ZB: 80, CY: 92.5, ST: 79.99 })], []);
    expect(r).toEqual({
      unit: 'A',
      earned: ['ZB', 'CY'],
      count: 2,
      stars: [
        { star: 'ZB', score: 80, earned: true, reason: null },
        { star: 'CY', score: 92.5, earned: true, reason: null },
        { star: 'ST', score: 79.99, earned: false, reason: '未达评星线80分' },
      ],
    });
  });

  it('accepts a score that is 80 up to floating-point noise', () => {
    expect(rateStars(model, [result('A', { ZB: 79.99999999999999 })], [])[0]?.count).toBe(1);
  });

  it('refuses a vetoed star, whatever its score', () => {
    const [r] = rateStars(
      model,
      [result('A', { ZB: 95, CY: 90 })],
      [
        { unit: 'A', star: 'CY', reason: '发生安全生产事故' },
        { unit: 'A', star: 'CY', reason: '信访问题' },
        { unit: 'B', star: 'ZB', reason: '其他单位' },
      ],
    );
    expect(r?.earned).toEqual(['ZB']);
    expect(r?.stars[1]).toEqual({
      star: 'CY',
      score: 90,
      earned: false,
      reason: '一票否决：发生安全生产事故；信访问题',
    });
  });

  it('requires the prerequisite star for every other star', () => {
    const [low, vetoed] = rateStars(
      model,
      [result('A', { ZB: 70, CY: 90, ST: 60 }), result('B', { ZB: 90, CY: 90 })],
      [{ unit: 'B', star: 'ZB', reason: '班子问题' }],
    );
    expect(low?.stars.map((s) => s.reason)).toEqual([
      '未达评星线80分',
      '未获得前置星支部过硬星',
      '未达评星线80分',
    ]);
    expect(low?.count).toBe(0);
    expect(vetoed?.stars.map((s) => s.reason)).toEqual(['一票否决：班子问题', '未获得前置星支部过硬星']);
  });

  it('earns nothing else when the prerequisite is not a target', () => {
    const [r] = rateStars(model, [result('A', { CY: 90 })], []);
    expect(r?.stars[0]?.reason).toBe('未获得前置星支部过硬星');
  });

  it('uses the model line and allows no prerequisite', () => {
    const [r] = rateStars(
      { ...model, starLine: 60, prerequisite: null },
      [result('A', { ZB: 50, CY: 65 })],
      [],
    );
    expect(r?.earned).toEqual(['CY']);
    expect(r?.stars[0]?.reason).toBe('未达评星线60分');
  });

  it('gives a unit without targets no stars', () => {
    expect(rateStars(model, [result('A', {})], [])).toEqual([{ unit: 'A', earned: [], stars: [], count: 0 }]);
  });
});

describe('rankRatedUnits', () => {
  it('orders by n, then the displayed score, then code, sharing ranks on equal n and displayed score', () => {
    const ranks = rankRatedUnits([
      { code: 'C', count: 2, score: 80.004 },
      { code: 'A', count: 2, score: 79.996 },
      { code: 'B', count: 3, score: 60 },
      { code: 'D', count: 2, score: 70 },
      { code: 'E', count: 0, score: 99 },
    ]);
    expect([...ranks.entries()]).toEqual([
      ['B', 1],
      ['A', 2],
      ['C', 2],
      ['D', 4],
      ['E', 5],
    ]);
  });
});
