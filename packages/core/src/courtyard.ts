/**
 * 五美庭院 rules: the five standards, a household's score from its evaluations, level thresholds and quotas,
 * what a nomination or a demotion may do. The only place they live.
 */
import { round2 } from './rounding';

/** The levels a demonstration household can be named at, lowest first. */
export const COURTYARD_LEVELS = ['village', 'street', 'district', 'city'] as const;
export type CourtyardLevelName = (typeof COURTYARD_LEVELS)[number];
/** A household's standing in a campaign: not named, or named at a level. */
export type CourtyardStandingName = 'none' | CourtyardLevelName;

/** 村级, 街道级, 区级, 市级. */
export const COURTYARD_LEVEL_LABELS: Record<CourtyardStandingName, string> = {
  none: '未命名',
  village: '村级',
  street: '街道级',
  district: '区级',
  city: '市级',
};

export interface CourtyardStandard {
  code: string;
  name: string;
  maxPoints: number;
  guidance: string;
}

/** The five standards, 20 points each, with the creation content (创建内容) as guidance. */
export const DEFAULT_COURTYARD_STANDARDS: readonly CourtyardStandard[] = [
  {
    code: 'ZJ',
    name: '整洁美',
    maxPoints: 20,
    guidance: '整洁有序庭院美：院落整齐，物品摆放有序，无乱堆乱放、乱搭乱建',
  },
  {
    code: 'WS',
    name: '卫生美',
    maxPoints: 20,
    guidance: '清洁卫生居室美、干净清爽厨房美：室内整洁，厨房干净，厕所卫生',
  },
  {
    code: 'LH',
    name: '绿化美',
    maxPoints: 20,
    guidance: '花木茂盛绿化美：庭院内外种花植树，绿化美化，房前屋后无杂草',
  },
  {
    code: 'WM',
    name: '文明美',
    maxPoints: 20,
    guidance: '文明健康生活美：移风易俗，勤俭节约，崇尚科学，生活习惯健康',
  },
  { code: 'HX', name: '和谐美', maxPoints: 20, guidance: '家庭和睦，邻里团结，尊老爱幼，遵纪守法，热心公益' },
];

export interface CourtyardLevelRuleValue {
  threshold: number;
  /** Households that may be at the level in a campaign at once; null = no limit. */
  quota: number | null;
}
export type CourtyardLevelRuleSet = Record<CourtyardLevelName, CourtyardLevelRuleValue>;

/** Defaults: 村级 ≥ 80, 街道级 ≥ 85, 区级 ≥ 90 (300 places), 市级 ≥ 95 (60 places). */
export const DEFAULT_COURTYARD_LEVEL_RULES: CourtyardLevelRuleSet = {
  village: { threshold: 80, quota: null },
  street: { threshold: 85, quota: null },
  district: { threshold: 90, quota: 300 },
  city: { threshold: 95, quota: 60 },
};

/** Position of a standing: none 0, village 1 … city 4. */
export function courtyardRank(level: CourtyardStandingName): number {
  return level === 'none' ? 0 : COURTYARD_LEVELS.indexOf(level) + 1;
}

/** The level one step above, or null at city level. */
export function nextCourtyardLevel(level: CourtyardStandingName): CourtyardLevelName | null {
  return COURTYARD_LEVELS[courtyardRank(level)] ?? null;
}

/** One evaluator's total: the sum of the points, rounded to 2 decimals. */
export function evaluationTotal(points: readonly number[]): number {
  return round2(points.reduce((a, b) => a + b, 0));
}

/**
 * Checks one evaluator's points against the standards: every standard scored, 0..max, at most one decimal, no
 * unknown standard. Returns the problems as `{ code, message }` (empty when all is well).
 */
export function checkCourtyardScores(
  standards: readonly CourtyardStandard[],
  scores: Readonly<Record<string, number>>,
): { code: string; message: string }[] {
  const problems: { code: string; message: string }[] = [];
  const known = new Set(standards.map((s) => s.code));
  for (const code of Object.keys(scores))
    if (!known.has(code)) problems.push({ code, message: `没有标准 ${code}` });
  for (const s of standards) {
    const p = scores[s.code];
    if (p === undefined) problems.push({ code: s.code, message: `请为「${s.name}」评分` });
    else if (!Number.isFinite(p) || p < 0 || p > s.maxPoints)
      problems.push({ code: s.code, message: `「${s.name}」得分应在0到${s.maxPoints}之间` });
    else if (Math.abs(Math.round(p * 10) - p * 10) > 1e-9)
      problems.push({ code: s.code, message: `「${s.name}」得分最多保留一位小数` });
  }
  return problems;
}

/**
 * A household's score: the mean of the evaluators' totals, each evaluator counting once with their latest
 * version (the caller passes the latest totals), rounded to 2 decimals; null without any evaluation.
 */
export function householdScore(latestTotals: readonly number[]): number | null {
  if (latestTotals.length === 0) return null;
  return round2(latestTotals.reduce((a, b) => a + b, 0) / latestTotals.length);
}

/** From all versions, each evaluator's latest (highest version) entry. */
export function latestPerEvaluator<T extends { evaluatorId: string; version: number }>(
  rows: readonly T[],
): T[] {
  const latest = new Map<string, T>();
  for (const r of rows) {
    const seen = latest.get(r.evaluatorId);
    if (!seen || r.version > seen.version) latest.set(r.evaluatorId, r);
  }
  return [...latest.values()];
}

/** Why a nomination cannot go ahead: the field to name and the message. */
export interface CourtyardRefusal {
  kind: 'invalid' | 'conflict';
  field: string;
  message: string;
}

/**
 * Decides a nomination from `current` to `target`: exactly one level up, score ≥ the target's threshold, and the
 * target's quota not full. The quota counts households *at* the target level in the campaign now (`atTarget`);
 * households above it have their own quota. Returns null when allowed.
 */
export function checkNomination(input: {
  current: CourtyardStandingName;
  target: CourtyardLevelName;
  score: number | null;
  rules: CourtyardLevelRuleSet;
  atTarget: number;
}): CourtyardRefusal | null {
  const { current, target, score, rules, atTarget } = input;
  const next = nextCourtyardLevel(current);
  if (next !== target) {
    const message =
      next === null
        ? `该户已是${COURTYARD_LEVEL_LABELS[current]}，不能再提名`
        : `只能逐级提名：该户目前为${COURTYARD_LEVEL_LABELS[current]}，下一级是${COURTYARD_LEVEL_LABELS[next]}`;
    return { kind: 'invalid', field: 'level', message };
  }
  const rule = rules[target];
  if (score === null)
    return {
      kind: 'invalid',
      field: 'level',
      message: `该户尚未评分，${COURTYARD_LEVEL_LABELS[target]}分数线为${rule.threshold}分`,
    };
  if (score < rule.threshold)
    return {
      kind: 'invalid',
      field: 'level',
      message: `${COURTYARD_LEVEL_LABELS[target]}分数线为${rule.threshold}分，该户得分${score}分，未达到`,
    };
  if (rule.quota !== null && atTarget >= rule.quota)
    return {
      kind: 'conflict',
      field: 'quota',
      message: `${COURTYARD_LEVEL_LABELS[target]}已达名额上限 ${rule.quota}（现有${atTarget}户）`,
    };
  return null;
}

/** Decides a demotion: to any lower standing (or none), with a reason. Returns null when allowed. */
export function checkDemotion(input: {
  current: CourtyardStandingName;
  target: CourtyardStandingName;
  reason: string;
}): CourtyardRefusal | null {
  if (input.current === 'none') return { kind: 'invalid', field: 'level', message: '该户尚未命名，无需降级' };
  if (courtyardRank(input.target) >= courtyardRank(input.current))
    return {
      kind: 'invalid',
      field: 'level',
      message: `降级只能降到低于${COURTYARD_LEVEL_LABELS[input.current]}的级别`,
    };
  if (input.reason.trim() === '') return { kind: 'invalid', field: 'reason', message: '请填写降级原因' };
  return null;
}

/**
 * Counts households per level from their current standings, as the quotas count them: each household counts
 * at its own level only (a city-level household does not use a district place).
 */
export function countAtLevels(
  standings: readonly CourtyardStandingName[],
): Record<CourtyardLevelName, number> {
  const out: Record<CourtyardLevelName, number> = { village: 0, street: 0, district: 0, city: 0 };
  for (const s of standings) if (s !== 'none') out[s] += 1;
  return out;
}

/** Checks a level rule set: thresholds rising with the level (a higher level never easier). */
export function checkLevelRules(rules: CourtyardLevelRuleSet): string | null {
  for (let i = 1; i < COURTYARD_LEVELS.length; i++) {
    const lo = COURTYARD_LEVELS[i - 1] as CourtyardLevelName;
    const hi = COURTYARD_LEVELS[i] as CourtyardLevelName;
    if (rules[hi].threshold < rules[lo].threshold)
      return `${COURTYARD_LEVEL_LABELS[hi]}分数线不能低于${COURTYARD_LEVEL_LABELS[lo]}`;
  }
  return null;
}

/** A stage of the funnel as a share of the applications: a percentage with one decimal; null without any. */
export function funnelRate(count: number, applications: number): number | null {
  if (applications <= 0) return null;
  return Math.round((count / applications) * 1000) / 10;
}

/** The year's change per level and in named households (this campaign against the previous year's). */
export interface CourtyardYearChange {
  levels: { level: CourtyardLevelName; current: number; previous: number | null; delta: number | null }[];
  named: number;
  previousNamed: number | null;
  newlyNamed: number;
  dropped: number | null;
}

/**
 * Compares the standings of this campaign's households with last year's (null when there was no campaign):
 * households at each level and the difference, households named (village level or above) now and then, newly
 * named (not named last year), and dropped (named last year, not now).
 */
export function courtyardYearChange(
  now: readonly { householdId: string; level: CourtyardStandingName }[],
  before: readonly { householdId: string; level: CourtyardStandingName }[] | null,
): CourtyardYearChange {
  const current = countAtLevels(now.map((a) => a.level));
  const previous = before ? countAtLevels(before.map((a) => a.level)) : null;
  const namedNow = new Set(now.filter((a) => a.level !== 'none').map((a) => a.householdId));
  const namedBefore = new Set((before ?? []).filter((a) => a.level !== 'none').map((a) => a.householdId));
  return {
    levels: COURTYARD_LEVELS.map((level) => ({
      level,
      current: current[level],
      previous: previous ? previous[level] : null,
      delta: previous ? current[level] - previous[level] : null,
    })),
    named: namedNow.size,
    previousNamed: before ? namedBefore.size : null,
    newlyNamed: [...namedNow].filter((id) => !namedBefore.has(id)).length,
    dropped: before ? [...namedBefore].filter((id) => !namedNow.has(id)).length : null,
  };
}
