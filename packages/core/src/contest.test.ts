import { describe, expect, it } from 'vitest';
import {
  cadreScore,
  contestTotal,
  countdownRemainingMs,
  drawLots,
  hasAtMostOneDecimal,
  honourPoints,
  judgeConsistency,
  juryScore,
  rankContestGroup,
  CONTEST_DEFAULT_HONOUR_TABLE as TABLE,
  yearOverall,
} from './contest';

describe('juryScore', () => {
  it('drops one highest and one lowest with 5 or more scores', () => {
    // (62 + 65 + 66) / 3 = 64.333… → 64.33
    expect(juryScore([60, 62, 65, 66, 70], 5)).toEqual({ score: 64.33, trimmed: true, dropped: [0, 4] });
    // out of order: the highest 70 is index 1, the lowest 60 index 3
    expect(juryScore([65, 70, 62, 60, 66], 5)).toEqual({ score: 64.33, trimmed: true, dropped: [1, 3] });
  });

  it('takes the plain mean below trimFrom', () => {
    // (60 + 62 + 65 + 66) / 4 = 63.25
    expect(juryScore([60, 62, 65, 66], 5)).toEqual({ score: 63.25, trimmed: false, dropped: [] });
    expect(juryScore([61.5], 5)?.score).toBe(61.5);
    expect(juryScore([], 5)).toBeNull();
  });

  it('follows the configured trimFrom and drops two entries of equal scores', () => {
    expect(juryScore([50, 60, 70], 3)?.score).toBe(60);
    expect(juryScore([50, 60, 70], 4)?.score).toBe(60);
    expect(juryScore([50, 60, 70], 4)?.trimmed).toBe(false);
    const same = juryScore([65, 65, 65, 65, 65], 5);
    expect(same?.score).toBe(65);
    expect(same?.dropped).toHaveLength(2);
  });

  it('rounds half up to 2 decimals', () => {
    // (60.1 + 60.2 + 60.2) / 3 = 60.1666… → 60.17
    expect(juryScore([60.1, 60.2, 60.2], 5)?.score).toBe(60.17);
  });
});

describe('honourPoints and cadreScore', () => {
  it('sums the table and caps at the honour points', () => {
    expect(honourPoints(['city', 'district'], TABLE, 15)).toBe(3);
    // 5 + 5 + 3 + 2 = 15
    expect(honourPoints(['national', 'national', 'provincial', 'city'], TABLE, 15)).toBe(15);
    // 16 capped at 15
    expect(honourPoints(['national', 'national', 'provincial', 'city', 'district'], TABLE, 15)).toBe(15);
    expect(honourPoints([], TABLE, 15)).toBe(0);
    expect(honourPoints(['provincial'], { ...TABLE, provincial: 4 }, 15)).toBe(4);
  });

  it('weights the votes 1 / 0.8 / 0.6 / 0', () => {
    // 15 × (30 + 8 + 1.2) / 42 = 14
    expect(cadreScore({ good: 30, fairlyGood: 10, average: 2, poor: 0 }, 15)).toBe(14);
    // 15 × (10 + 4 + 1.8) / 20 = 11.85
    expect(cadreScore({ good: 10, fairlyGood: 5, average: 3, poor: 2 }, 15)).toBe(11.85);
    // 20 × (0 + 0.8 + 0) / 3 = 5.333… → 5.33
    expect(cadreScore({ good: 0, fairlyGood: 1, average: 0, poor: 2 }, 20)).toBe(5.33);
    expect(cadreScore({ good: 0, fairlyGood: 0, average: 0, poor: 0 }, 15)).toBe(0);
  });

  it('adds the three parts', () => {
    expect(contestTotal(64.33, 15, 14)).toBe(93.33);
    expect(contestTotal(60.17, 3, 11.85)).toBe(75.02);
  });
});

describe('rankContestGroup', () => {
  it('gives equal totals one rank and skips the next, listing ties by jury then honours', () => {
    const ranked = rankContestGroup([
      { code: 'B', total: 88.5, jury: 60, honour: 15 },
      { code: 'D', total: 80, jury: 55, honour: 10 },
      { code: 'A', total: 90, jury: 65, honour: 12 },
      { code: 'C', total: 88.5, jury: 61, honour: 14 },
    ]);
    expect(ranked.map((r) => [r.code, r.rank, r.tied])).toEqual([
      ['A', 1, false],
      ['C', 2, true],
      ['B', 2, true],
      ['D', 4, false],
    ]);
  });
});

describe('drawLots', () => {
  const groups = { DQ: ['D1', 'D2', 'D3', 'D4', 'D5'], ZF: ['Z1', 'Z2', 'Z3'] };

  it('is the same for the same seed whatever the input order', () => {
    const a = drawLots('abc123', groups);
    const b = drawLots('abc123', { ZF: ['Z3', 'Z1', 'Z2'], DQ: ['D5', 'D4', 'D3', 'D2', 'D1'] });
    expect(b).toEqual(a);
    // a permutation of each group
    expect([...(a.DQ ?? [])].sort()).toEqual(groups.DQ);
    expect([...(a.ZF ?? [])].sort()).toEqual(groups.ZF);
  });

  it('pins the order of a known seed (the contest tests rely on it)', () => {
    expect(drawLots('seed-1', groups)).toEqual({
      DQ: ['D1', 'D4', 'D5', 'D2', 'D3'],
      ZF: ['Z3', 'Z1', 'Z2'],
    });
  });

  it('moves with the seed', () => {
    const orders = new Set(
      ['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => (drawLots(s, groups).DQ ?? []).join()),
    );
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('judgeConsistency', () => {
  // Scores 60, 61, 62, 63, 50: panel (trimmed) = (60 + 61 + 62) / 3 = 61; mean 59.2, population sd 4.71, so
  // the gap is max(5, 9.41) = 9.41 and J5's −11 is an outlier.
  const harsh = (unitCode: string) => ({
    unitCode,
    panel: 61,
    scores: [60, 61, 62, 63, 50].map((score, i) => ({ judge: `J${i + 1}`, score })),
  });
  // Scores 70, 71, 72, 73, 72: panel = (71 + 72 + 72) / 3 = 71.67; nobody is off.
  const calm = (unitCode: string) => ({
    unitCode,
    panel: 71.67,
    scores: [70, 71, 72, 73, 72].map((score, i) => ({ judge: `J${i + 1}`, score })),
  });

  it('flags a judge far off the panel on 3 of 6 units', () => {
    const rows = judgeConsistency([
      harsh('U1'),
      harsh('U2'),
      harsh('U3'),
      calm('U4'),
      calm('U5'),
      calm('U6'),
    ]);
    const j5 = rows.find((r) => r.judge === 'J5');
    const j1 = rows.find((r) => r.judge === 'J1');
    expect(j5?.outlierUnits).toBe(3);
    expect(j5?.flagged).toBe(true);
    // (−11 × 3 + (72 − 71.67) × 3) / 6 = −32.01 / 6 = −5.335 → −5.34 (half away from zero)
    expect(j5?.meanDeviation).toBe(-5.34);
    // J1: −1 three times, 70 − 71.67 = −1.67 three times → −8.01 / 6 = −1.335 → −1.34; the deviations lie
    // 0.335 either side of their mean, so the spread is 0.335 → 0.34
    expect(j1?.meanDeviation).toBe(-1.34);
    expect(j1?.spread).toBe(0.34);
    expect(j1?.flagged).toBe(false);
    expect(rows.filter((r) => r.flagged).map((r) => r.judge)).toEqual(['J5']);
  });

  it('needs at least 3 outlier units', () => {
    const rows = judgeConsistency([harsh('U1'), harsh('U2'), calm('U3'), calm('U4')]);
    const j5 = rows.find((r) => r.judge === 'J5');
    expect(j5?.outlierUnits).toBe(2);
    expect(j5?.flagged).toBe(false);
  });

  it('needs the outliers to be at least a third of the judge’s units', () => {
    const units = [harsh('U1'), harsh('U2'), harsh('U3')];
    for (let i = 4; i <= 10; i++) units.push(calm(`U${i}`));
    const j5 = judgeConsistency(units).find((r) => r.judge === 'J5');
    // 3 of 10 < 1/3
    expect(j5?.outlierUnits).toBe(3);
    expect(j5?.flagged).toBe(false);
  });
});

describe('yearOverall', () => {
  it('averages each unit over the contests it took part in, ranked per group', () => {
    const groups = yearOverall([
      {
        code: 'Q1',
        rows: [
          { unitCode: 'A', groupCode: 'G1', total: 80 },
          { unitCode: 'B', groupCode: 'G1', total: 90 },
          { unitCode: 'C', groupCode: 'G2', total: 70 },
        ],
      },
      {
        code: 'Q2',
        rows: [
          { unitCode: 'A', groupCode: 'G1', total: 100 },
          { unitCode: 'B', groupCode: 'G1', total: 85 },
        ],
      },
    ]);
    // A (80 + 100) / 2 = 90, B (90 + 85) / 2 = 87.5
    expect(groups.G1?.map((r) => [r.unitCode, r.mean, r.rank, r.contests])).toEqual([
      ['A', 90, 1, 2],
      ['B', 87.5, 2, 2],
    ]);
    expect(groups.G2?.[0]).toMatchObject({ unitCode: 'C', mean: 70, rank: 1, contests: 1 });
    expect(groups.G2?.[0]?.totals).toEqual({ Q1: 70, Q2: null });
  });
});

describe('hasAtMostOneDecimal', () => {
  it('accepts tenths and refuses hundredths', () => {
    expect(hasAtMostOneDecimal(64.5)).toBe(true);
    expect(hasAtMostOneDecimal(0.3)).toBe(true);
    expect(hasAtMostOneDecimal(70)).toBe(true);
    expect(hasAtMostOneDecimal(64.55)).toBe(false);
    expect(hasAtMostOneDecimal(Number.NaN)).toBe(false);
  });
});

describe('countdownRemainingMs', () => {
  const startedAt = '2024-04-10T09:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);
  it('counts down from the start while running, never below zero nor above what it had', () => {
    const timer = { running: true, startedAt, remainingMs: 300_000 };
    // 1 min 30.5 s after the start: 300 000 − 90 500 = 209 500
    expect(countdownRemainingMs(timer, at('2024-04-10T09:01:30.500Z'))).toBe(209_500);
    expect(countdownRemainingMs(timer, at('2024-04-10T09:05:00.000Z'))).toBe(0);
    expect(countdownRemainingMs(timer, at('2024-04-10T09:06:00.000Z'))).toBe(0);
    // a clock 2 s behind the start still shows the full 300 000
    expect(countdownRemainingMs(timer, at('2024-04-10T08:59:58.000Z'))).toBe(300_000);
  });
  it('shows what is left as it stands when paused, idle or without a start', () => {
    const now = at('2024-04-10T10:00:00.000Z');
    expect(countdownRemainingMs({ running: false, startedAt, remainingMs: 123_000 }, now)).toBe(123_000);
    expect(countdownRemainingMs({ running: true, startedAt: null, remainingMs: 45_000 }, now)).toBe(45_000);
    expect(countdownRemainingMs({ running: false, startedAt: null, remainingMs: -5 }, now)).toBe(0);
  });
});
