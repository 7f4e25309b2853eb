import {
  type BonusInput,
  type CampaignModel,
  deductionModuleOf,
  type ModuleDef,
  type ProblemInput,
  type ScoreInput,
  type UnitInput,
} from './model';
import { isMonth, type Month, monthEnd, monthKey, PeriodError } from './periods';

/**
 * e(u,i) from the scorers' points: their mean; with trimming and at least 5 scorers the single highest and
 * lowest are dropped first; the result is clamped to [0, max]. No (finite) points means not scored: 0.
 */
export function itemScore(points: number[], max: number, trim: boolean): number {
  if (!(max > 0)) return 0;
  let n = 0;
  let sum = 0;
  for (const p of points) {
    if (!Number.isFinite(p)) continue;
    n++;
    sum += p;
  }
  if (n === 0) return 0;
  let mean: number;
  if (trim && n >= 5) {
    // Summing the sorted middle (rather than sum − max − min) keeps the result monotone in every point.
    const sorted = points.filter((p) => Number.isFinite(p)).sort((a, b) => a - b);
    let middle = 0;
    for (let i = 1; i < n - 1; i++) middle += sorted[i] ?? 0;
    mean = middle / (n - 2);
  } else {
    mean = sum / n;
  }
  return Math.min(max, Math.max(0, mean));
}

/** One problem deduction line: the problem was overdue and open at the end of `monthEnd`. */
export interface Deduction {
  problemId: string;
  title: string;
  monthEnd: Month;
  /** The points actually taken (less than the model's deduction when the module hit 0). */
  points: number;
}

export interface StarResult {
  star: string;
  /** P(u,m,s,t) for every module of the model, in model order, after problem deductions. */
  modules: Record<string, number>;
  /** S(u,s,t) = Σ_m P. */
  score: number;
  /** D(u,s,t): the plan points due so far. */
  due: number;
  /** R(u,s,t) = 100 · Σ_plan P / D; null when nothing is due yet. */
  rate: number | null;
  deductions: Deduction[];
}

export interface UnitResult {
  unit: string;
  /** One entry per declared target star of the model, in model star order. */
  stars: StarResult[];
  /** U(u,t): mean of the target stars' S; 0 when the unit has no (valid) targets. */
  score: number;
  /** Mean of the target stars' non-null rates; null when none. */
  rate: number | null;
}

interface CompiledItem {
  index: number;
  /** Slot of (star, plan module): star · planCount + plan position. */
  slot: number;
  bucket: number;
  max: number;
}

interface Compiled {
  model: CampaignModel;
  yearStart: Month;
  yearEnd: Month;
  starIndex: Map<string, number>;
  starCodes: string[];
  starCount: number;
  modules: ModuleDef[];
  /** Indices into `modules` of the plan modules, in model order. */
  plan: number[];
  /** Indices into `modules` of the bonus modules, in model order. */
  bonus: number[];
  /** Index into `modules` of the deduction module, −1 when the model has none. */
  deductionModule: number;
  items: Map<string, CompiledItem>;
  itemList: CompiledItem[];
  /** Distinct item months, ascending: item buckets. */
  bucketMonths: Month[];
  /** X per slot without N/A. */
  planMax: Float64Array;
  /** Number of items per slot. */
  planCount: Int32Array;
  /** Per slot, Σ max of items in buckets < k, for k = 0..buckets (stride buckets + 1). */
  dueMaxPrefix: Float64Array;
  dueCountPrefix: Int32Array;
  /** The campaign year's month-ends, for problem deductions. */
  monthEnds: { month: Month; day: string }[];
}

function compile(model: CampaignModel): Compiled {
  const starIndex = new Map<string, number>();
  for (const s of model.stars) if (!starIndex.has(s.code)) starIndex.set(s.code, starIndex.size);
  const starCount = starIndex.size;
  const modules: ModuleDef[] = [];
  const seenModules = new Set<string>();
  for (const m of model.modules) {
    if (seenModules.has(m.code)) continue;
    seenModules.add(m.code);
    modules.push(m);
  }
  const plan: number[] = [];
  const bonus: number[] = [];
  const planPos = new Map<string, number>();
  modules.forEach((m, i) => {
    if (m.kind === 'plan') {
      planPos.set(m.code, plan.length);
      plan.push(i);
    } else {
      bonus.push(i);
    }
  });
  const deductionCode = deductionModuleOf(model);
  const deductionModule = modules.findIndex((m) => m.code === deductionCode);

  const valid = model.items.filter(
    (it) => starIndex.has(it.star) && planPos.has(it.module) && Number.isFinite(it.max) && it.max > 0,
  );
  const bucketMonths = [...new Set(valid.map((it) => it.month))].sort();
  const bucketOf = new Map(bucketMonths.map((m, i) => [m, i]));
  const buckets = bucketMonths.length;
  const slots = starCount * plan.length;
  const planMax = new Float64Array(slots);
  const planCount = new Int32Array(slots);
  const bucketMax = new Float64Array(slots * buckets);
  const bucketCount = new Int32Array(slots * buckets);
  const items = new Map<string, CompiledItem>();
  const itemList: CompiledItem[] = [];
  for (const it of valid) {
    if (items.has(it.code)) continue; // a duplicate code: the first definition wins
    const slot = (starIndex.get(it.star) ?? 0) * plan.length + (planPos.get(it.module) ?? 0);
    const bucket = bucketOf.get(it.month) ?? 0;
    const compiled = { index: itemList.length, slot, bucket, max: it.max };
    items.set(it.code, compiled);
    itemList.push(compiled);
    planMax[slot] = (planMax[slot] ?? 0) + it.max;
    planCount[slot] = (planCount[slot] ?? 0) + 1;
    bucketMax[slot * buckets + bucket] = (bucketMax[slot * buckets + bucket] ?? 0) + it.max;
    bucketCount[slot * buckets + bucket] = (bucketCount[slot * buckets + bucket] ?? 0) + 1;
  }
  const dueMaxPrefix = new Float64Array(slots * (buckets + 1));
  const dueCountPrefix = new Int32Array(slots * (buckets + 1));
  for (let slot = 0; slot < slots; slot++) {
    let sum = 0;
    let count = 0;
    for (let b = 0; b < buckets; b++) {
      sum += bucketMax[slot * buckets + b] ?? 0;
      count += bucketCount[slot * buckets + b] ?? 0;
      dueMaxPrefix[slot * (buckets + 1) + b + 1] = sum;
      dueCountPrefix[slot * (buckets + 1) + b + 1] = count;
    }
  }
  const monthEnds: { month: Month; day: string }[] = [];
  const yearOk = Number.isInteger(model.year) && model.year >= 1000 && model.year <= 9999;
  if (yearOk) {
    for (let m = 1; m <= 12; m++) {
      const month = monthKey(model.year, m);
      monthEnds.push({ month, day: monthEnd(month) });
    }
  }
  return {
    model,
    yearStart: monthKey(model.year, 1),
    yearEnd: monthKey(model.year, 12),
    starIndex,
    starCodes: [...starIndex.keys()],
    starCount,
    modules,
    plan,
    bonus,
    deductionModule,
    items,
    itemList,
    bucketMonths,
    planMax,
    planCount,
    dueMaxPrefix,
    dueCountPrefix,
    monthEnds,
  };
}

function groupBy<T extends { unit: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.unit);
    if (list) list.push(row);
    else map.set(row.unit, [row]);
  }
  return map;
}

/** The scores of each unit as contiguous runs of indices (a counting sort: O(n), no per-unit arrays). */
interface ScoreGroups {
  groupOf: Map<string, number>;
  offsets: Int32Array;
  order: Int32Array;
  largest: number;
}

function groupScores(units: UnitInput[], scores: ScoreInput[]): ScoreGroups {
  const groupOf = new Map<string, number>();
  for (const u of units) if (!groupOf.has(u.code)) groupOf.set(u.code, groupOf.size);
  const groups = groupOf.size;
  const groupOfRow = new Int32Array(scores.length);
  const offsets = new Int32Array(groups + 1);
  for (let k = 0; k < scores.length; k++) {
    const g = groupOf.get((scores[k] as ScoreInput).unit) ?? -1;
    groupOfRow[k] = g;
    if (g >= 0) offsets[g + 1] = (offsets[g + 1] ?? 0) + 1;
  }
  let largest = 0;
  for (let g = 0; g < groups; g++) {
    largest = Math.max(largest, offsets[g + 1] ?? 0);
    offsets[g + 1] = (offsets[g + 1] ?? 0) + (offsets[g] ?? 0);
  }
  const order = new Int32Array(offsets[groups] ?? 0);
  const fill = offsets.slice(0, groups);
  for (let k = 0; k < scores.length; k++) {
    const g = groupOfRow[k] ?? -1;
    if (g < 0) continue;
    const at = fill[g] ?? 0;
    order[at] = k;
    fill[g] = at + 1;
  }
  return { groupOf, offsets, order, largest };
}

/** Per-unit working memory, reused across units so the hot loop allocates nothing. */
interface Scratch {
  /** Σ e per slot and bucket. */
  earned: Float64Array;
  /** Σ max of N/A items per slot and bucket. */
  naMax: Float64Array;
  naCount: Int32Array;
  /** Per item: the latest score row seen for it in the current unit (−1 none); rows chain through `next`. */
  head: Int32Array;
  next: Int32Array;
  touched: number[];
}

function makeScratch(c: Compiled, largestGroup: number): Scratch {
  const size = c.starCount * c.plan.length * c.bucketMonths.length;
  return {
    earned: new Float64Array(size),
    naMax: new Float64Array(size),
    naCount: new Int32Array(size),
    head: new Int32Array(c.itemList.length).fill(-1),
    next: new Int32Array(largestGroup),
    touched: [],
  };
}

/**
 * Fills the scratch with one unit's item scores. Several rows for the same (unit, item) are merged: their
 * points are pooled as more scorers, the item is N/A when any row says so, and the last explicit `trim` wins.
 */
function accumulateUnit(
  c: Compiled,
  scratch: Scratch,
  scores: ScoreInput[],
  groups: ScoreGroups,
  group: number,
): void {
  const { earned, naMax, naCount, head, next, touched } = scratch;
  earned.fill(0);
  naMax.fill(0);
  naCount.fill(0);
  touched.length = 0;
  const buckets = c.bucketMonths.length;
  const from = groups.offsets[group] ?? 0;
  const to = groups.offsets[group + 1] ?? 0;
  for (let p = from; p < to; p++) {
    const row = scores[groups.order[p] ?? 0] as ScoreInput;
    const item = c.items.get(row.item);
    if (!item) continue;
    const prev = head[item.index] ?? -1;
    if (prev === -1) touched.push(item.index);
    next[p - from] = prev;
    head[item.index] = p - from;
  }
  for (const index of touched) {
    const first = head[index] ?? -1;
    head[index] = -1;
    const item = c.itemList[index] as CompiledItem;
    const firstRow = scores[groups.order[from + first] ?? 0] as ScoreInput;
    let na: boolean;
    let score: number;
    const chained = next[first] ?? -1;
    if (chained === -1) {
      na = firstRow.na;
      score = na ? 0 : itemScore(firstRow.points, item.max, firstRow.trim ?? c.model.trim);
    } else {
      // The chain runs from the latest row back to the earliest.
      const rows: ScoreInput[] = [];
      for (let p = first; p !== -1; p = next[p] ?? -1)
        rows.push(scores[groups.order[from + p] ?? 0] as ScoreInput);
      rows.reverse();
      na = rows.some((r) => r.na);
      let trim = c.model.trim;
      for (const r of rows) if (r.trim !== undefined) trim = r.trim;
      score = na
        ? 0
        : itemScore(
            rows.flatMap((r) => r.points),
            item.max,
            trim,
          );
    }
    const at = item.slot * buckets + item.bucket;
    if (na) {
      naMax[at] = (naMax[at] ?? 0) + item.max;
      naCount[at] = (naCount[at] ?? 0) + 1;
    } else {
      earned[at] = (earned[at] ?? 0) + score;
    }
  }
}

/** The deduction lines of one (unit, star) up to `t`, before the floor at 0. */
function overdueLines(
  c: Compiled,
  problems: ProblemInput[],
  t: Month,
): { problem: ProblemInput; month: Month }[] {
  const lines: { problem: ProblemInput; month: Month }[] = [];
  for (const { month, day } of c.monthEnds) {
    if (month > t) break;
    for (const p of problems) {
      if (p.deadline < day && (p.closedOn === null || p.closedOn > day)) lines.push({ problem: p, month });
    }
  }
  return lines;
}

/** Takes the overdue lines off a module's points, never below 0; lists only what was actually taken. */
function applyDeductions(
  points: number,
  lines: { problem: ProblemInput; month: Month }[],
  each: number,
): { points: number; deductions: Deduction[] } {
  const deductions: Deduction[] = [];
  if (lines.length === 0 || !(each > 0)) return { points, deductions };
  for (let k = 1; k <= lines.length; k++) {
    // A whole deduction while the module still has it; the remainder once it runs out (no float drift).
    const remaining = points - (k - 1) * each;
    const taken = Math.min(each, remaining);
    if (taken <= 1e-9) break;
    const line = lines[k - 1] as { problem: ProblemInput; month: Month };
    deductions.push({
      problemId: line.problem.id,
      title: line.problem.title,
      monthEnd: line.month,
      points: taken,
    });
  }
  return { points: Math.max(0, points - lines.length * each), deductions };
}

function targetStars(c: Compiled, targets: string[]): number[] {
  const set = new Set<number>();
  for (const code of targets) {
    const s = c.starIndex.get(code);
    if (s !== undefined) set.add(s);
  }
  return [...set].sort((a, b) => a - b);
}

/**
 * Computes every unit's results for each month in `months` in one pass over the scores: each unit's scores
 * are summed once per item month and read back as prefix sums, so a full-year recompute of a province costs
 * about the same as one month. The result for a month is identical to computeUnitResults for that month.
 */
export function computeUnitResultsForMonths(
  model: CampaignModel,
  units: UnitInput[],
  scores: ScoreInput[],
  bonuses: BonusInput[],
  problems: ProblemInput[],
  months: Month[],
): Map<Month, UnitResult[]> {
  for (const t of months) {
    if (!isMonth(t)) throw new PeriodError(`无效的月份：“${t}”（应为 YYYY-MM）`);
  }
  const wanted = [...new Set(months)];
  const ascending = [...wanted].sort();
  const out = new Map<Month, UnitResult[]>(wanted.map((t) => [t, []]));
  const c = compile(model);
  const buckets = c.bucketMonths.length;
  const planCount = c.plan.length;
  // k(t): how many item months are ≤ t, i.e. how many buckets are due by t.
  const dueBuckets = ascending.map((t) => {
    let k = 0;
    while (k < buckets && (c.bucketMonths[k] as Month) <= t) k++;
    return k;
  });
  const lists = ascending.map((t) => out.get(t) as UnitResult[]);
  const groups = groupScores(units, scores);
  const scratch = makeScratch(c, groups.largest);
  const bonusesByUnit = groupBy(bonuses);
  const problemsByUnit = groupBy(problems);
  const deductionCode = c.deductionModule >= 0 ? (c.modules[c.deductionModule] as ModuleDef).code : null;

  // Of the current unit and star, per plan module (and month): Σe so far, Σx due so far (N/A removed), X.
  const earnedAt = new Float64Array(planCount * ascending.length);
  const dueAt = new Float64Array(planCount * ascending.length);
  const planX = new Float64Array(planCount);

  for (const unit of units) {
    const stars = targetStars(c, unit.targets);
    if (stars.length === 0) {
      for (const list of lists) list.push({ unit: unit.code, stars: [], score: 0, rate: null });
      continue;
    }
    accumulateUnit(c, scratch, scores, groups, groups.groupOf.get(unit.code) ?? 0);
    const unitBonuses = bonusesByUnit.get(unit.code) ?? [];
    const unitProblems = problemsByUnit.get(unit.code) ?? [];
    const perMonth: StarResult[][] = ascending.map(() => []);

    for (const s of stars) {
      const starCode = c.starCodes[s] as string;
      for (let p = 0; p < planCount; p++) {
        const slot = s * planCount + p;
        const base = slot * buckets;
        const prefixBase = slot * (buckets + 1);
        let naTotal = 0;
        let naTotalCount = 0;
        for (let b = 0; b < buckets; b++) {
          naTotal += scratch.naMax[base + b] ?? 0;
          naTotalCount += scratch.naCount[base + b] ?? 0;
        }
        const count = c.planCount[slot] ?? 0;
        planX[p] = naTotalCount >= count ? 0 : (c.planMax[slot] ?? 0) - naTotal;
        let b = 0;
        let earned = 0;
        let na = 0;
        let naCount = 0;
        for (let j = 0; j < ascending.length; j++) {
          const k = dueBuckets[j] ?? 0;
          for (; b < k; b++) {
            earned += scratch.earned[base + b] ?? 0;
            na += scratch.naMax[base + b] ?? 0;
            naCount += scratch.naCount[base + b] ?? 0;
          }
          const dueCount = c.dueCountPrefix[prefixBase + k] ?? 0;
          earnedAt[p * ascending.length + j] = earned;
          dueAt[p * ascending.length + j] =
            naCount >= dueCount ? 0 : (c.dueMaxPrefix[prefixBase + k] ?? 0) - na;
        }
      }
      const starBonuses = unitBonuses.filter((x) => x.star === starCode);
      const starProblems = deductionCode === null ? [] : unitProblems.filter((x) => x.star === starCode);

      for (let j = 0; j < ascending.length; j++) {
        const t = ascending[j] as Month;
        const modules: Record<string, number> = {};
        for (const m of c.modules) modules[m.code] = 0;
        let planPoints = 0;
        let due = 0;
        for (let p = 0; p < planCount; p++) {
          const mod = c.modules[c.plan[p] ?? 0] as ModuleDef;
          const x = planX[p] ?? 0;
          if (x > 0) {
            const budget = mod.budget;
            // Σe ≤ X holds exactly; the cap only absorbs floating-point artefacts.
            modules[mod.code] = Math.min(budget, (budget * (earnedAt[p * ascending.length + j] ?? 0)) / x);
            due += (budget * (dueAt[p * ascending.length + j] ?? 0)) / x;
          }
        }
        for (const bi of c.bonus) {
          const mod = c.modules[bi] as ModuleDef;
          let sum = 0;
          for (const x of starBonuses) {
            if (
              x.module === mod.code &&
              x.month >= c.yearStart &&
              x.month <= c.yearEnd &&
              x.month <= t &&
              Number.isFinite(x.points)
            ) {
              sum += x.points;
            }
          }
          modules[mod.code] = Math.max(0, Math.min(mod.budget, sum));
        }
        let deductions: Deduction[] = [];
        if (deductionCode !== null && starProblems.length > 0) {
          const applied = applyDeductions(
            modules[deductionCode] ?? 0,
            overdueLines(c, starProblems, t),
            c.model.problemDeduction,
          );
          modules[deductionCode] = applied.points;
          deductions = applied.deductions;
        }
        let score = 0;
        for (const m of c.modules) score += modules[m.code] ?? 0;
        for (const pi of c.plan) planPoints += modules[(c.modules[pi] as ModuleDef).code] ?? 0;
        const rate = due > 0 ? (100 * planPoints) / due : null;
        (perMonth[j] as StarResult[]).push({ star: starCode, modules, score, due, rate, deductions });
      }
    }

    for (let j = 0; j < ascending.length; j++) {
      const starResults = perMonth[j] as StarResult[];
      let sum = 0;
      let rateSum = 0;
      let rated = 0;
      for (const r of starResults) {
        sum += r.score;
        if (r.rate !== null) {
          rateSum += r.rate;
          rated++;
        }
      }
      (lists[j] as UnitResult[]).push({
        unit: unit.code,
        stars: starResults,
        score: sum / starResults.length,
        rate: rated > 0 ? rateSum / rated : null,
      });
    }
  }
  return out;
}

/**
 * Computes each unit's module points, star scores, rates and problem deductions as of month `t` (the last
 * month of the period asked for), in the order of `units`. The one implementation of SCORING.md's formulas.
 */
export function computeUnitResults(
  model: CampaignModel,
  units: UnitInput[],
  scores: ScoreInput[],
  bonuses: BonusInput[],
  problems: ProblemInput[],
  t: Month,
): UnitResult[] {
  return computeUnitResultsForMonths(model, units, scores, bonuses, problems, [t]).get(t) ?? [];
}
