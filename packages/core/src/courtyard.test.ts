import { describe, expect, it } from 'vitest';
import {
  checkCourtyardScores,
  checkDemotion,
  checkLevelRules,
  checkNomination,
  countAtLevels,
  courtyardYearChange,
  DEFAULT_COURTYARD_LEVEL_RULES,
  DEFAULT_COURTYARD_STANDARDS,
  evaluationTotal,
  funnelRate,
  householdScore,
  latestPerEvaluator,
  nextCourtyardLevel,
} from './courtyard';

const rules = DEFAULT_COURTYARD_LEVEL_RULES;

describe('五美庭院 standards', () => {
  it('defaults to the five standards at 20 points each, 100 in all', () => {
    expect(DEFAULT_COURTYARD_STANDARDS.map((s) => s.name)).toEqual([
      '整洁美',
      '卫生美',
      '绿化美',
      '文明美',
      '和谐美',
    ]);
    expect(DEFAULT_COURTYARD_STANDARDS.every((s) => s.maxPoints === 20)).toBe(true);
    expect(DEFAULT_COURTYARD_STANDARDS.every((s) => s.guidance.length > 0)).toBe(true);
    expect(rules.village.threshold).toBe(80);
    expect(rules.street.threshold).toBe(85);
    expect(rules.district).toEqual({ threshold: 90, quota: 300 });
    expect(rules.city).toEqual({ threshold: 95, quota: 60 });
  });

  it('checks every standard is scored within 0..max with one decimal', () => {
    const ok = { ZJ: 18.5, WS: 20, LH: 0, WM: 17, HX: 19.5 };
    expect(checkCourtyardScores(DEFAULT_COURTYARD_STANDARDS, ok)).toEqual([]);
    const bad = checkCourtyardScores(DEFAULT_COURTYARD_STANDARDS, {
      ZJ: 20.5,
      WS: 18.25,
      LH: 10,
      WM: 10,
      XX: 3,
    });
    expect(bad.map((p) => p.code).sort()).toEqual(['HX', 'WS', 'XX', 'ZJ']);
    expect(bad.find((p) => p.code === 'ZJ')?.message).toContain('0到20');
    expect(bad.find((p) => p.code === 'HX')?.message).toContain('和谐美');
  });
});

describe('a household score from several evaluators', () => {
  it('is the mean of each evaluator’s latest total', () => {
    // 张: 18+19+17+18+20 = 92 corrected to 94; 李: 90.5; 王: 88 → (94 + 90.5 + 88) / 3 = 90.83
    const rows = [
      { evaluatorId: 'zhang', version: 1, total: evaluationTotal([18, 19, 17, 18, 20]) },
      { evaluatorId: 'li', version: 1, total: 90.5 },
      { evaluatorId: 'zhang', version: 2, total: 94 },
      { evaluatorId: 'wang', version: 1, total: 88 },
    ];
    expect(rows[0]?.total).toBe(92);
    const latest = latestPerEvaluator(rows);
    expect(latest.map((r) => `${r.evaluatorId}:${r.total}`).sort()).toEqual([
      'li:90.5',
      'wang:88',
      'zhang:94',
    ]);
    expect(householdScore(latest.map((r) => r.total))).toBe(90.83);
  });

  it('is null without evaluations and one decimal points add exactly', () => {
    expect(householdScore([])).toBeNull();
    expect(evaluationTotal([18.1, 18.2, 18.3, 18.4, 18.5])).toBe(91.5);
  });
});

describe('nominations', () => {
  it('move exactly one level up', () => {
    expect(nextCourtyardLevel('none')).toBe('village');
    expect(nextCourtyardLevel('district')).toBe('city');
    expect(nextCourtyardLevel('city')).toBeNull();
    const skip = checkNomination({ current: 'village', target: 'district', score: 99, rules, atTarget: 0 });
    expect(skip).toMatchObject({ kind: 'invalid', field: 'level' });
    expect(skip?.message).toContain('街道级');
    const same = checkNomination({ current: 'street', target: 'street', score: 99, rules, atTarget: 0 });
    expect(same?.field).toBe('level');
    expect(
      checkNomination({ current: 'city', target: 'city', score: 99, rules, atTarget: 0 })?.message,
    ).toContain('已是市级');
    expect(checkNomination({ current: 'none', target: 'village', score: 80, rules, atTarget: 0 })).toBeNull();
  });

  it('need the target level’s threshold, named with the score', () => {
    const below = checkNomination({
      current: 'street',
      target: 'district',
      score: 89.99,
      rules,
      atTarget: 0,
    });
    expect(below).toEqual({
      kind: 'invalid',
      field: 'level',
      message: '区级分数线为90分，该户得分89.99分，未达到',
    });
    expect(
      checkNomination({ current: 'street', target: 'district', score: 90, rules, atTarget: 0 }),
    ).toBeNull();
    expect(
      checkNomination({ current: 'none', target: 'village', score: null, rules, atTarget: 0 })?.field,
    ).toBe('level');
  });

  it('are refused once the quota of households at the target level is full', () => {
    const full = checkNomination({ current: 'district', target: 'city', score: 97, rules, atTarget: 60 });
    expect(full).toMatchObject({ kind: 'conflict', field: 'quota' });
    expect(full?.message).toContain('已达名额上限 60');
    expect(
      checkNomination({ current: 'district', target: 'city', score: 97, rules, atTarget: 59 }),
    ).toBeNull();
    // no quota at village level
    expect(
      checkNomination({ current: 'none', target: 'village', score: 85, rules, atTarget: 100000 }),
    ).toBeNull();
  });
});

describe('quotas count households at the level', () => {
  it('a city-level household does not use a district place', () => {
    const counts = countAtLevels(['none', 'village', 'district', 'district', 'city', 'street', 'none']);
    expect(counts).toEqual({ village: 1, street: 1, district: 2, city: 1 });
  });

  it('thresholds must rise with the level', () => {
    expect(checkLevelRules(rules)).toBeNull();
    expect(checkLevelRules({ ...rules, city: { threshold: 88, quota: 60 } })).toBe('市级分数线不能低于区级');
  });
});

describe('demotions', () => {
  it('go to any lower standing with a reason', () => {
    expect(checkDemotion({ current: 'city', target: 'street', reason: '复评庭院杂乱' })).toBeNull();
    expect(checkDemotion({ current: 'village', target: 'none', reason: '复评未达标' })).toBeNull();
    expect(checkDemotion({ current: 'street', target: 'street', reason: 'x' })?.field).toBe('level');
    expect(checkDemotion({ current: 'street', target: 'district', reason: 'x' })?.field).toBe('level');
    expect(checkDemotion({ current: 'none', target: 'none', reason: 'x' })?.field).toBe('level');
    expect(checkDemotion({ current: 'district', target: 'village', reason: '  ' })).toEqual({
      kind: 'invalid',
      field: 'reason',
      message: '请填写降级原因',
    });
  });
});

describe('the year’s change and the funnel', () => {
  it('counts levels, differences, newly named and dropped households against last year', () => {
    const now = [
      { householdId: 'a', level: 'city' as const },
      { householdId: 'b', level: 'street' as const },
      { householdId: 'c', level: 'none' as const },
      { householdId: 'd', level: 'street' as const },
      { householdId: 'e', level: 'district' as const },
    ];
    const before = [
      { householdId: 'a', level: 'district' as const },
      { householdId: 'b', level: 'village' as const },
      { householdId: 'c', level: 'village' as const },
    ];
    // Now: village 0, street 2 (b, d), district 1 (e), city 1 (a); before: village 2 (b, c), district 1 (a).
    expect(courtyardYearChange(now, before)).toEqual({
      levels: [
        { level: 'village', current: 0, previous: 2, delta: -2 },
        { level: 'street', current: 2, previous: 0, delta: 2 },
        { level: 'district', current: 1, previous: 1, delta: 0 },
        { level: 'city', current: 1, previous: 0, delta: 1 },
      ],
      named: 4,
      previousNamed: 3,
      newlyNamed: 2, // d, e
      dropped: 1, // c
    });
  });

  it('has no previous figures without last year’s campaign', () => {
    const change = courtyardYearChange([{ householdId: 'a', level: 'village' }], null);
    expect(change.levels[0]).toEqual({ level: 'village', current: 1, previous: null, delta: null });
    expect([change.named, change.previousNamed, change.newlyNamed, change.dropped]).toEqual([
      1,
      null,
      1,
      null,
    ]);
  });

  it('gives each funnel stage as a percentage of the applications, one decimal', () => {
    expect(funnelRate(5, 5)).toBe(100);
    expect(funnelRate(2, 3)).toBe(66.7);
    expect(funnelRate(1, 6)).toBe(16.7);
    expect(funnelRate(0, 4)).toBe(0);
    expect(funnelRate(0, 0)).toBeNull();
  });
});
