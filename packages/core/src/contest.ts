/**
 * 擂台赛 formulas: the jury score (trimmed or plain mean), honour points, cadre-style points, totals, group
 * ranking, lot drawing from a seed, judge consistency, the year-end overall. The only place they live.
 */
import { seededRandom } from './random';
import { round2 } from './rounding';

/** The default split of the 100 points: 综合汇报演说 (jury), 所获荣誉 (honours), 干部作风评价 (cadre style). */
export const CONTEST_DEFAULT_SPLIT = { jury: 70, honours: 15, cadre: 15 } as const;

/** With this many judges' scores or more, one highest and one lowest are dropped. */
export const CONTEST_DEFAULT_TRIM_FROM = 5;

export type ContestHonourLevel = 'national' | 'provincial' | 'city' | 'district';

/** Points per honour level (国家级 5, 省级 3, 市级 2, 区级 1 by default). */
export type ContestHonourTable = Record<ContestHonourLevel, number>;

export const CONTEST_DEFAULT_HONOUR_TABLE: ContestHonourTable = {
  national: 5,
  provincial: 3,
  city: 2,
  district: 1,
};

export interface JuryScore {
  /** The mean, rounded to 2 decimals half up. */
  score: number;
  /** True when the highest and the lowest were dropped. */
  trimmed: boolean;
  /** Indexes (into the input) of the dropped highest and lowest scores; empty without trimming. */
  dropped: number[];
}

/**
 * The jury's score of a unit: with at least `trimFrom` scores, the mean without one highest and one lowest
 * (60, 62, 65, 66, 70 → (62 + 65 + 66) / 3 = 64.33); below, the plain mean. Null without scores.
 */
export function juryScore(
  scores: readonly number[],
  trimFrom: number = CONTEST_DEFAULT_TRIM_FROM,
): JuryScore | null {
  if (scores.length === 0) return null;
  if (scores.length < Math.max(3, trimFrom)) {
    const sum = scores.reduce((a, b) => a + b, 0);
    return { score: round2(sum / scores.length), trimmed: false, dropped: [] };
  }
  let hi = 0;
  let lo = 0;
  scores.forEach((s, i) => {
    if (s > (scores[hi] as number)) hi = i;
    if (s < (scores[lo] as number)) lo = i;
  });
  // All equal: drop two different entries all the same.
  if (hi === lo) lo = hi === 0 ? 1 : 0;
  const kept = scores.filter((_, i) => i !== hi && i !== lo);
  const sum = kept.reduce((a, b) => a + b, 0);
  return { score: round2(sum / kept.length), trimmed: true, dropped: [hi, lo].sort((a, b) => a - b) };
}

/** A unit's honour points: Σ of its honours' level points, capped at the contest's honour points. */
export function honourPoints(
  levels: readonly ContestHonourLevel[],
  table: ContestHonourTable,
  cap: number,
): number {
  const sum = levels.reduce((a, level) => a + (table[level] ?? 0), 0);
  return round2(Math.min(cap, sum));
}

/** 干部作风评价 vote counts: 好, 较好, 一般, 差. */
export interface CadreVotes {
  good: number;
  fairlyGood: number;
  average: number;
  poor: number;
}

/**
 * Cadre-style points: cadrePoints × (好×1 + 较好×0.8 + 一般×0.6 + 差×0) / votes, rounded to 2 decimals
 * (15 × (30 + 8 + 1.2) / 42 = 14.00). No votes: 0.
 */
export function cadreScore(votes: CadreVotes, cadrePoints: number): number {
  const total = votes.good + votes.fairlyGood + votes.average + votes.poor;
  if (total <= 0) return 0;
  const weighted = votes.good + votes.fairlyGood * 0.8 + votes.average * 0.6;
  return round2((cadrePoints * weighted) / total);
}

/** A unit's contest total: jury + honours + cadre style, rounded to 2 decimals. */
export function contestTotal(jury: number, honour: number, cadre: number): number {
  return round2(jury + honour + cadre);
}

export interface ContestRankInput {
  code: string;
  total: number;
  jury: number;
  honour: number;
}

export interface ContestRankedRow extends ContestRankInput {
  /** Competition ranking on the 2-decimal total: equal totals share a rank, the next skips (1, 2, 2, 4). */
  rank: number;
  /** Shares its rank with another unit (the tie-break order — jury, then honours — is for display only). */
  tied: boolean;
}

/**
 * Ranks a group's units by total, descending, with competition ranking; tied units share the rank and are
 * listed by jury score, then honours, then code (the tie-break is shown, never changes a rank).
 */
export function rankContestGroup(rows: readonly ContestRankInput[]): ContestRankedRow[] {
  const sorted = rows
    .map((r) => ({ ...r, display: round2(r.total) }))
    .sort(
      (a, b) =>
        b.display - a.display ||
        b.jury - a.jury ||
        b.honour - a.honour ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
  const counts = new Map<number, number>();
  for (const r of sorted) counts.set(r.display, (counts.get(r.display) ?? 0) + 1);
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || r.display !== (sorted[i - 1] as (typeof sorted)[number]).display) rank = i + 1;
    const { display, ...row } = r;
    return { ...row, rank, tied: (counts.get(display) ?? 0) > 1 };
  });
}

/** A 32-bit hash of a string (xmur3's finaliser over UTF-16 units): the PRNG seed of a lot drawing. */
export function hashSeed(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * 抽签: the speaking order of each group from a seed. Each group's codes are sorted first (so the input order
 * never matters), then shuffled by Fisher–Yates driven by mulberry32 seeded with hash(`seed:groupCode`).
 * The same seed gives the same order everywhere, so anyone can re-check a drawing.
 */
export function drawLots(
  seed: string,
  unitCodesPerGroup: Readonly<Record<string, readonly string[]>>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of Object.keys(unitCodesPerGroup).sort()) {
    const codes = [...(unitCodesPerGroup[group] ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const random = seededRandom(hashSeed(`${seed}:${group}`));
    for (let i = codes.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = codes[i] as string;
      codes[i] = codes[j] as string;
      codes[j] = t;
    }
    out[group] = codes;
  }
  return out;
}

/** One closed unit's judges' scores and the panel's (jury) score. */
export interface ConsistencyUnit {
  unitCode: string;
  /** The panel's score (the trimmed or plain mean). */
  panel: number;
  scores: readonly { judge: string; score: number }[];
}

export interface JudgeConsistency {
  judge: string;
  units: number;
  /** Mean of (judge's score − panel score), 2 decimals. */
  meanDeviation: number;
  /** Population standard deviation of those deviations, 2 decimals. */
  spread: number;
  /** Units where |deviation| > max(5, 2 × the population sd of all judges' scores on the unit). */
  outlierUnits: number;
  /** outlierUnits ≥ 3 and ≥ a third of the judge's units. */
  flagged: boolean;
  deviations: { unitCode: string; deviation: number; outlier: boolean }[];
}

function sd(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}

/** The minimum absolute deviation that makes an outlier, whatever the panel's spread. */
export const CONSISTENCY_MIN_GAP = 5;
/** Outlier units a judge needs (and at least a third of their units) to be flagged. */
export const CONSISTENCY_MIN_OUTLIERS = 3;

/**
 * Judge consistency over closed units: each judge's deviations from the panel, their mean and spread, and the
 * units where the judge was far off (|deviation| > max(5, 2 × panel sd)); a judge far off on at least 3 units
 * and at least a third of those they scored is flagged. Judges in order of first appearance.
 */
export function judgeConsistency(units: readonly ConsistencyUnit[]): JudgeConsistency[] {
  const byJudge = new Map<string, { unitCode: string; deviation: number; outlier: boolean }[]>();
  for (const unit of units) {
    const gap = Math.max(CONSISTENCY_MIN_GAP, 2 * sd(unit.scores.map((s) => s.score)));
    for (const s of unit.scores) {
      const deviation = s.score - unit.panel;
      const list = byJudge.get(s.judge) ?? [];
      list.push({ unitCode: unit.unitCode, deviation, outlier: Math.abs(deviation) > gap });
      byJudge.set(s.judge, list);
    }
  }
  return [...byJudge.entries()].map(([judge, list]) => {
    const devs = list.map((d) => d.deviation);
    const outlierUnits = list.filter((d) => d.outlier).length;
    return {
      judge,
      units: list.length,
      meanDeviation: round2(devs.reduce((a, b) => a + b, 0) / list.length),
      spread: round2(sd(devs)),
      outlierUnits,
      flagged: outlierUnits >= CONSISTENCY_MIN_OUTLIERS && outlierUnits * 3 >= list.length,
      deviations: list.map((d) => ({ ...d, deviation: round2(d.deviation) })),
    };
  });
}

/** One contest of the year: each participant's total and group. */
export interface OverallContest {
  code: string;
  rows: readonly { unitCode: string; groupCode: string; total: number }[];
}

export interface OverallRow {
  unitCode: string;
  groupCode: string;
  /** Contests the unit took part in. */
  contests: number;
  /** Mean of its totals, 2 decimals. */
  mean: number;
  rank: number;
  totals: Record<string, number | null>;
}

/**
 * 年终总评: each unit's mean of its contest totals across the year's contests, ranked per group (competition
 * ranking on the 2-decimal mean). A unit's group is the one of its last contest (contests in date order).
 */
export function yearOverall(contests: readonly OverallContest[]): Record<string, OverallRow[]> {
  const units = new Map<string, { groupCode: string; totals: Record<string, number | null> }>();
  for (const c of contests)
    for (const r of c.rows) {
      const u = units.get(r.unitCode) ?? {
        groupCode: r.groupCode,
        totals: Object.fromEntries(contests.map((x) => [x.code, null])),
      };
      u.groupCode = r.groupCode;
      u.totals[c.code] = r.total;
      units.set(r.unitCode, u);
    }
  const groups: Record<string, OverallRow[]> = {};
  for (const [unitCode, u] of units) {
    const taken = Object.values(u.totals).filter((t): t is number => t !== null);
    const row: OverallRow = {
      unitCode,
      groupCode: u.groupCode,
      contests: taken.length,
      mean: round2(taken.reduce((a, b) => a + b, 0) / taken.length),
      rank: 0,
      totals: u.totals,
    };
    const list = groups[u.groupCode] ?? [];
    list.push(row);
    groups[u.groupCode] = list;
  }
  for (const list of Object.values(groups)) {
    list.sort((a, b) => b.mean - a.mean || (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));
    list.forEach((r, i) => {
      r.rank =
        i > 0 && r.mean === (list[i - 1] as OverallRow).mean ? (list[i - 1] as OverallRow).rank : i + 1;
    });
  }
  return groups;
}

/** True when a score has at most one decimal (64.5 yes, 64.55 no), tolerant of binary artefacts. */
export function hasAtMostOneDecimal(score: number): boolean {
  return Number.isFinite(score) && Math.abs(score * 10 - Math.round(score * 10)) < 1e-9;
}

/** What a countdown needs of the contest timer: how much was left when it was last started or stopped. */
export interface CountdownTimer {
  /** True while the countdown runs from `startedAt`; otherwise `remainingMs` stands as it is. */
  running: boolean;
  /** When the running countdown was (re)started, ISO. */
  startedAt: string | null;
  /** Milliseconds left at `startedAt` (running) or now (paused, reset, ended). */
  remainingMs: number;
}

/**
 * Milliseconds left on a countdown at `nowMs` (ms since epoch), never below zero. A `now` before the start
 * (clocks a little apart) counts as the start: a countdown never shows more than it had.
 */
export function countdownRemainingMs(timer: CountdownTimer, nowMs: number): number {
  const left = Math.max(0, timer.remainingMs);
  if (!timer.running || !timer.startedAt) return left;
  const started = Date.parse(timer.startedAt);
  if (!Number.isFinite(started)) return left;
  return Math.max(0, left - Math.max(0, nowMs - started));
}
