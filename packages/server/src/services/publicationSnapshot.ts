import { rankRows, round2 } from '@wuxing/core';
import type {
  DiffFieldView,
  DiffRowView,
  PublicationSnapshot,
  SnapshotStarTable,
} from '../contracts/publications';
import type { Repos } from '../repositories';
import type { CampaignRow } from '../repositories/campaign.repository';
import { computeRanking } from './ranking.service';

/**
 * What a 公示 version freezes, taken from the ranking service (core computes every score and rank; nothing is
 * recomputed here), and the differences between two frozen versions.
 */

const QUARTERS = ['一', '二', '三', '四'];

/** A publishable period as people read it: 2023年第一季度, 2023年度. */
export function publicationPeriodLabel(key: string): string {
  const year = key.slice(0, 4);
  const q = /^\d{4}-Q([1-4])$/.exec(key);
  if (q) return `${year}年第${QUARTERS[Number(q[1]) - 1]}季度`;
  return `${year}年度`;
}

const rounded = (v: number | null | undefined) => (v === null || v === undefined ? null : round2(v));

/** The period's results of the whole campaign (every unit and street), rounded as published. */
export async function takeSnapshot(
  repos: Repos,
  campaign: CampaignRow,
  period: string,
): Promise<PublicationSnapshot> {
  const all = { kind: 'all' } as const;
  const units = await computeRanking(repos, campaign, { period, level: 'unit' }, all);
  const streets = await computeRanking(repos, campaign, { period, level: 'street' }, all);
  const starScores = (stars: Record<string, number | null>) => {
    const out: Record<string, number | null> = {};
    for (const s of units.stars) out[s.code] = rounded(stars[s.code]);
    return out;
  };
  const unitRows = units.rows.map((r) => ({
    rank: r.rank,
    code: r.code,
    name: r.name,
    streetCode: r.parentCode,
    streetName: r.parentName,
    score: round2(r.score),
    rate: rounded(r.rate),
    stars: starScores(r.stars),
  }));
  const perStar: SnapshotStarTable[] = units.stars.map((s) => {
    const targeting = units.rows.filter((r) => r.stars[s.code] !== null && r.stars[s.code] !== undefined);
    const byCode = new Map(targeting.map((r) => [r.code, r]));
    const ranked = rankRows(targeting.map((r) => ({ code: r.code, score: r.stars[s.code] ?? 0 })));
    return {
      star: s.code,
      starName: s.name,
      rows: ranked.map((x) => {
        const r = byCode.get(x.code);
        return {
          rank: x.rank,
          code: x.code,
          name: r?.name ?? x.code,
          streetName: r?.parentName ?? null,
          score: round2(x.score),
        };
      }),
    };
  });
  return {
    campaignCode: campaign.code,
    campaignName: campaign.name,
    year: Number(campaign.year),
    period,
    periodLabel: publicationPeriodLabel(period),
    stars: units.stars.map((s) => ({ code: s.code, name: s.name })),
    units: unitRows,
    streets: streets.rows.map((r) => ({
      rank: r.rank,
      code: r.code,
      name: r.name,
      score: round2(r.score),
      stars: starScores(r.stars),
    })),
    perStar,
  };
}

interface Comparable {
  code: string;
  name: string;
  rank: number;
  score: number;
  rate?: number | null;
  stars: Record<string, number | null>;
}

function fieldChanges(
  a: Comparable | undefined,
  b: Comparable | undefined,
  stars: { code: string; name: string }[],
): DiffFieldView[] {
  const fields: { field: string; label: string; get: (r: Comparable) => number | null }[] = [
    { field: 'rank', label: '排名', get: (r) => r.rank },
    { field: 'score', label: '得分', get: (r) => r.score },
    { field: 'rate', label: '得分率', get: (r) => r.rate ?? null },
    ...stars.map((s) => ({ field: s.code, label: s.name, get: (r: Comparable) => r.stars[s.code] ?? null })),
  ];
  const out: DiffFieldView[] = [];
  for (const f of fields) {
    const from = a ? f.get(a) : null;
    const to = b ? f.get(b) : null;
    if (from !== to) out.push({ field: f.field, label: f.label, from, to });
  }
  return out;
}

function diffRows(
  level: 'unit' | 'street',
  before: Comparable[],
  after: Comparable[],
  stars: { code: string; name: string }[],
): DiffRowView[] {
  const then = new Map(before.map((r) => [r.code, r]));
  const now = new Map(after.map((r) => [r.code, r]));
  const order = [...after.map((r) => r.code), ...before.map((r) => r.code).filter((c) => !now.has(c))];
  const out: DiffRowView[] = [];
  for (const code of order) {
    const a = then.get(code);
    const b = now.get(code);
    const fields = fieldChanges(a, b, stars);
    if (fields.length === 0) continue;
    out.push({
      level,
      code,
      name: b?.name ?? a?.name ?? code,
      kind: !a ? 'added' : !b ? 'removed' : 'changed',
      fields,
    });
  }
  return out;
}

/** The rows (villages, then streets) whose published figures differ between two snapshots. */
export function diffSnapshots(before: PublicationSnapshot, after: PublicationSnapshot): DiffRowView[] {
  const stars = after.stars.length > 0 ? after.stars : before.stars;
  return [
    ...diffRows('unit', before.units, after.units, stars),
    ...diffRows('street', before.streets, after.streets, stars),
  ];
}
