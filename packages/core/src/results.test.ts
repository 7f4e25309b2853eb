import { describe, expect, it } from 'vitest';
import { awardCandidates, cadreFigures, problemNotice, unitsByStarCount } from './results';

describe('结果运用 rules', () => {
  const units = [
    { unit: 'A', rank: 1, stars: 4, vetoed: false, redWarning: false },
    { unit: 'B', rank: 2, stars: 4, vetoed: true, redWarning: false },
    { unit: 'C', rank: 3, stars: 3, vetoed: false, redWarning: true },
    { unit: 'D', rank: 3, stars: 2, vetoed: false, redWarning: false },
    { unit: 'E', rank: 5, stars: 4, vetoed: false, redWarning: false },
    { unit: 'F', rank: null, stars: 0, vetoed: false, redWarning: false },
  ];
  const eligible = (rules: Parameters<typeof awardCandidates>[1]) =>
    awardCandidates(units, rules)
      .filter((v) => v.eligible)
      .map((v) => v.unit);

  it('applies each rule the admin sets, ties at rank k included', () => {
    const none = { minStars: 0, topK: null, excludeVetoed: false, excludeRedWarning: false };
    expect(eligible(none)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(eligible({ ...none, minStars: 3 })).toEqual(['A', 'B', 'C', 'E']);
    expect(eligible({ ...none, topK: 3 })).toEqual(['A', 'B', 'C', 'D']);
    expect(eligible({ ...none, excludeVetoed: true })).toEqual(['A', 'C', 'D', 'E', 'F']);
    expect(eligible({ ...none, excludeRedWarning: true })).toEqual(['A', 'B', 'D', 'E', 'F']);
    expect(eligible({ minStars: 3, topK: 3, excludeVetoed: true, excludeRedWarning: true })).toEqual(['A']);
  });

  it('names every rule a unit misses', () => {
    const rules = { minStars: 3, topK: 2, excludeVetoed: true, excludeRedWarning: true };
    const byUnit = new Map(awardCandidates(units, rules).map((v) => [v.unit, v.misses]));
    expect(byUnit.get('A')).toEqual([]);
    expect(byUnit.get('B')).toEqual(['veto']);
    expect(byUnit.get('C')).toEqual(['rank', 'redWarning']);
    expect(byUnit.get('D')).toEqual(['stars', 'rank']);
    expect(byUnit.get('F')).toEqual(['stars', 'rank']);
  });

  it('counts units by stars, 0 to the maximum', () => {
    expect(unitsByStarCount([], 5)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(unitsByStarCount([0, 0, 4, 4, 1, 5, 7], 5)).toEqual([2, 1, 0, 0, 2, 2]);
  });

  it('says what an open problem asks of its unit', () => {
    const open = { status: 'open', deadline: '2023-12-20', failedLookBack: false };
    expect(problemNotice(open, '2023-12-01')).toBe('new');
    expect(problemNotice(open, '2023-12-16')).toBe('new');
    expect(problemNotice(open, '2023-12-17')).toBe('dueSoon');
    expect(problemNotice(open, '2023-12-20')).toBe('dueSoon');
    expect(problemNotice(open, '2023-12-21')).toBe('overdue');
    expect(problemNotice({ ...open, failedLookBack: true }, '2023-12-21')).toBe('failed');
    expect(problemNotice({ ...open, status: 'submitted' }, '2023-12-21')).toBeNull();
    expect(problemNotice({ ...open, status: 'closed' }, '2023-12-21')).toBeNull();
  });
});

describe('a cadre’s figures from the villages the cadre answers for', () => {
  it('takes the plain mean of the assessed villages, their best and worst rank, stars and red warnings', () => {
    const f = cadreFigures([
      { score: 80.125, rank: 3, stars: 2, redWarning: false },
      { score: 60, rank: 9, stars: 0, redWarning: true },
      { score: null, rank: null, stars: null, redWarning: true },
    ]);
    expect(f).toEqual({
      assessed: 2,
      meanScore: 70.0625,
      bestRank: 3,
      worstRank: 9,
      starsTotal: 2,
      redWarnings: 2,
    });
  });

  it('has no mean, ranks or stars when no village is assessed, and no stars outside a year', () => {
    expect(cadreFigures([{ score: null, rank: null, stars: null, redWarning: false }])).toEqual({
      assessed: 0,
      meanScore: null,
      bestRank: null,
      worstRank: null,
      starsTotal: null,
      redWarnings: 0,
    });
    expect(cadreFigures([{ score: 50, rank: 1, stars: null, redWarning: false }]).starsTotal).toBeNull();
    expect(cadreFigures([])).toMatchObject({ assessed: 0, meanScore: null });
  });
});
