import { computeUnitResultsForMonths, format2, monthKey, rankRatedUnits, rateStars } from '@wuxing/core';
import type { ConfirmedRatingQuery, RatingConfirmBody } from '../contracts/ratings';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, scopeCovers, type UnitScope, unitScopeOf } from '../policies/policy';
import type { Repos } from '../repositories';
import type { CampaignRow } from '../repositories/campaign.repository';
import type {
  RatingConfirmationHead,
  RatingConfirmationRow,
} from '../repositories/ratingConfirmation.repository';
import type { ExportTable } from '../workbook/writeWorkbook';
import { recordAudit } from './audit.service';
import { findCampaign, findOpenCampaign, loadRankingInputs, parentAt } from './campaignLoader';
import type { ServiceContext } from './context';

/**
 * 五星支部评定: the year's star ratings from December results through core's rateStars (line, prerequisite star,
 * active vetoes), reviewed and confirmed by the district admin as frozen versions; exported and listed for
 * certificates. Village users see their own unit's row, street admins their street's.
 */

export interface RatingStar {
  star: string;
  starName: string;
  score: number;
  earned: boolean;
  reason: string | null;
}

/** One unit's rating, as computed and as frozen in a confirmation. */
export interface RatingRow {
  rank: number;
  unitCode: string;
  unitName: string;
  streetCode: string | null;
  streetName: string | null;
  /** The unit's path, to cut a list to a caller's scope (not shown). */
  path: string;
  targets: string[];
  score: number;
  stars: RatingStar[];
  count: number;
  label: string;
  vetoes: { id: string; star: string; reason: string }[];
}

/** What a confirmation freezes (snapshot_json). */
export interface RatingSnapshot {
  reason: string | null;
  stars: { code: string; name: string }[];
  rows: RatingRow[];
}

export interface RatingChange {
  unitCode: string;
  unitName: string;
  confirmed: string[] | null;
  current: string[] | null;
}

export interface RatingList {
  campaign: CampaignRow;
  starLine: number;
  prerequisite: string | null;
  stars: { code: string; name: string }[];
  rows: RatingRow[];
  summary: { count: number; label: string; units: number }[];
  latest: RatingConfirmationHead | null;
  changed: RatingChange[];
}

export interface ConfirmedRating {
  campaign: CampaignRow;
  confirmation: RatingConfirmationHead;
  stars: { code: string; name: string }[];
  rows: RatingRow[];
  summary: { count: number; label: string; units: number }[];
  versions: RatingConfirmationHead[];
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** "n星支部" in Chinese numerals; 未评星 for none. */
export function ratingLabel(n: number): string {
  if (n <= 0) return '未评星';
  return `${DIGITS[n] ?? String(n)}星支部`;
}

/** Computes every assessed unit's rating for December of the campaign year (core does every formula). */
export async function computeRatings(
  repos: Repos,
  campaign: CampaignRow,
): Promise<{
  stars: { code: string; name: string }[];
  rows: RatingRow[];
  starLine: number;
  prerequisite: string | null;
}> {
  const inputs = await loadRankingInputs(repos, campaign);
  const december = monthKey(Number(campaign.year), 12);
  const results =
    computeUnitResultsForMonths(
      inputs.model,
      inputs.unitInputs,
      inputs.scores,
      inputs.bonuses,
      inputs.problems,
      [december],
    ).get(december) ?? [];
  const ratings = new Map(rateStars(inputs.model, results, inputs.vetoes).map((r) => [r.unit, r]));
  const scoreOf = new Map(results.map((r) => [r.unit, r.score]));
  const starName = new Map(inputs.model.stars.map((s) => [s.code, s.name]));
  const vetoRows = await repos.vetoes.active(campaign.id);
  const codeById = new Map(inputs.units.map((u) => [u.id, u.code]));
  const rows: RatingRow[] = inputs.units.map((u) => {
    const rating = ratings.get(u.code);
    const parentId = parentAt(u, inputs.moves, december);
    const parent = parentId ? inputs.parents.get(parentId) : undefined;
    const count = rating?.count ?? 0;
    return {
      rank: 0,
      unitCode: u.code,
      unitName: u.name,
      streetCode: parent?.code ?? null,
      streetName: parent?.name ?? null,
      path: u.path,
      targets: u.targets,
      score: scoreOf.get(u.code) ?? 0,
      stars: (rating?.stars ?? []).map((s) => ({
        star: s.star,
        starName: starName.get(s.star) ?? s.star,
        score: s.score,
        earned: s.earned,
        reason: s.reason,
      })),
      count,
      label: ratingLabel(count),
      vetoes: vetoRows
        .filter((v) => codeById.get(v.unit_id) === u.code)
        .map((v) => ({ id: v.id, star: v.star, reason: v.reason })),
    };
  });
  const ranks = rankRatedUnits(rows.map((r) => ({ code: r.unitCode, count: r.count, score: r.score })));
  for (const r of rows) r.rank = ranks.get(r.unitCode) ?? 0;
  rows.sort((a, b) => a.rank - b.rank || (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));
  return {
    stars: inputs.model.stars.map((s) => ({ code: s.code, name: s.name })),
    rows,
    starLine: inputs.model.starLine,
    prerequisite: inputs.model.prerequisite,
  };
}

function summarise(rows: RatingRow[], starCount: number) {
  return Array.from({ length: starCount + 1 }, (_, i) => starCount - i).map((n) => ({
    count: n,
    label: ratingLabel(n),
    units: rows.filter((r) => r.count === n).length,
  }));
}

const inScope = (scope: UnitScope, rows: RatingRow[]) => rows.filter((r) => scopeCovers(scope, r.path));

function parseSnapshot(row: RatingConfirmationRow): RatingSnapshot {
  return JSON.parse(row.snapshot_json) as RatingSnapshot;
}

function head(row: RatingConfirmationRow): RatingConfirmationHead {
  const { snapshot_json: _snapshot, ...rest } = row;
  return rest;
}

/** Units whose earned stars differ between a frozen list and the computation. */
function changesBetween(confirmed: RatingRow[], current: RatingRow[]): RatingChange[] {
  const then = new Map(confirmed.map((r) => [r.unitCode, r]));
  const now = new Map(current.map((r) => [r.unitCode, r]));
  const earned = (r: RatingRow | undefined) =>
    r ? r.stars.filter((s) => s.earned).map((s) => s.star) : null;
  const out: RatingChange[] = [];
  for (const code of [...new Set([...then.keys(), ...now.keys()])].sort()) {
    const a = earned(then.get(code));
    const b = earned(now.get(code));
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push({
        unitCode: code,
        unitName: now.get(code)?.unitName ?? then.get(code)?.unitName ?? code,
        confirmed: a,
        current: b,
      });
  }
  return out;
}

/** The year's computed list for the caller's scope, with the latest confirmation and what changed since. */
export async function getStarRatings(ctx: ServiceContext, code: string): Promise<RatingList> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const scope = unitScopeOf(ctx.actor);
  const computed = await computeRatings(ctx.repos, campaign);
  const rows = inScope(scope, computed.rows);
  const latest = await ctx.repos.ratingConfirmations.find(campaign.id);
  const changed = latest ? changesBetween(inScope(scope, parseSnapshot(latest).rows), rows) : [];
  return {
    campaign,
    starLine: computed.starLine,
    prerequisite: computed.prerequisite,
    stars: computed.stars,
    rows,
    summary: summarise(rows, computed.stars.length),
    latest: latest ? head(latest) : null,
    changed,
  };
}

/**
 * Freezes the computed list as a new version (district admin). A reason is required once a version exists.
 * The same idempotency key with the same reason replays the version it made; with another reason 409.
 */
export async function confirmStarRatings(
  ctx: ServiceContext,
  code: string,
  body: RatingConfirmBody,
): Promise<{ confirmation: RatingConfirmationHead; replayed: boolean }> {
  authorize(ctx.actor, { do: 'rating.decide' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const reason = body.reason?.trim() ? body.reason.trim() : null;
  await ctx.repos.audit.lock();
  const seen = await ctx.repos.ratingConfirmations.findByIdempotencyKey(body.idempotencyKey);
  if (seen) {
    if (seen.campaign_id !== campaign.id || seen.reason !== reason)
      throw conflict('该幂等键已用于内容不同的另一次确认，请勿重复使用同一个键', 'idempotencyKey');
    return { confirmation: head(seen), replayed: true };
  }
  const versions = await ctx.repos.ratingConfirmations.versions(campaign.id);
  const latest = versions[0];
  if (latest && !reason)
    throw invalid(`已确认过第 ${latest.version} 版评星结果，重新确认须填写原因`, 'reason');
  const computed = await computeRatings(ctx.repos, campaign);
  const snapshot: RatingSnapshot = {
    reason,
    stars: computed.stars,
    rows: computed.rows,
  };
  const row: RatingConfirmationRow = {
    id: newId(),
    campaign_id: campaign.id,
    version: (latest?.version ?? 0) + 1,
    reason,
    snapshot_json: JSON.stringify(snapshot),
    confirmed_by: ctx.actor.userId,
    confirmed_by_name: ctx.actor.displayName,
    confirmed_at: ctx.now,
    idempotency_key: body.idempotencyKey,
  };
  await ctx.repos.ratingConfirmations.insert(row);
  await recordAudit(ctx, {
    action: 'rating.confirm',
    entity: 'rating_confirmation',
    entityId: row.id,
    before: latest ? { version: latest.version } : null,
    after: {
      campaign: campaign.code,
      version: row.version,
      reason,
      summary: summarise(computed.rows, computed.stars.length).map((s) => [s.label, s.units]),
    },
  });
  return { confirmation: head(row), replayed: false };
}

/** A frozen version (the latest by default), cut to the caller's scope. */
export async function getConfirmedRatings(
  ctx: ServiceContext,
  code: string,
  query: ConfirmedRatingQuery,
): Promise<ConfirmedRating> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const row = await ctx.repos.ratingConfirmations.find(campaign.id, query.version);
  if (!row) throw notFound(query.version ? `评星结果第 ${query.version} 版不存在` : '评星结果尚未确认');
  const snap = parseSnapshot(row);
  const rows = inScope(unitScopeOf(ctx.actor), snap.rows);
  return {
    campaign,
    confirmation: head(row),
    stars: snap.stars,
    rows,
    summary: summarise(rows, snap.stars.length),
    versions: await ctx.repos.ratingConfirmations.versions(campaign.id),
  };
}

/** The list an export or certificate list shows: the latest confirmed version, else the computation. */
export async function publishedOrComputed(ctx: ServiceContext, code: string) {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const scope = unitScopeOf(ctx.actor);
  const latest = await ctx.repos.ratingConfirmations.find(campaign.id);
  if (latest) {
    const snap = parseSnapshot(latest);
    return { campaign, version: Number(latest.version), stars: snap.stars, rows: inScope(scope, snap.rows) };
  }
  const computed = await computeRatings(ctx.repos, campaign);
  return { campaign, version: null, stars: computed.stars, rows: inScope(scope, computed.rows) };
}

/** Export headers: 排名 单位编码 单位名称 所属街道 星级, one per star (code and name), 否决情况. */
export function ratingHeaders(stars: { code: string; name: string }[]): string[] {
  return [
    '排名',
    '单位编码',
    '单位名称',
    '所属街道',
    '星级',
    ...stars.map((s) => `${s.code} ${s.name}`),
    '否决情况',
  ];
}

/** The rating list as a downloadable table; the title row says whether it is confirmed (and which version). */
export async function exportStarRatings(
  ctx: ServiceContext,
  code: string,
): Promise<{ table: ExportTable; fileName: (format: string) => string }> {
  const { campaign, version, stars, rows } = await publishedOrComputed(ctx, code);
  const state = version === null ? '未确认（当前计算结果）' : `已确认 第${version}版`;
  const table: ExportTable = {
    sheet: '评星结果',
    title: `${campaign.name} ${campaign.year}年度五星支部评定结果（${state}）`,
    headers: ratingHeaders(stars),
    rows: rows.map((r) => [
      r.rank,
      r.unitCode,
      r.unitName,
      r.streetName ?? r.streetCode,
      r.label,
      ...stars.map((s) => {
        const star = r.stars.find((x) => x.star === s.code);
        if (!star) return null;
        const shown = format2(star.score);
        return star.earned ? `${shown} ✓` : shown;
      }),
      r.vetoes.length === 0
        ? null
        : r.vetoes
            .map((v) => `${stars.find((s) => s.code === v.star)?.name ?? v.star}：${v.reason}`)
            .join('；'),
    ]),
  };
  const suffix = version === null ? '未确认' : `第${version}版`;
  return {
    table,
    fileName: (format) => `${campaign.code}-${campaign.year}-五星支部评定-${suffix}.${format}`,
  };
}

/** Units with at least one star, by n desc (then rank), for a printable certificate list. */
export async function starCertificates(ctx: ServiceContext, code: string) {
  const { campaign, version, stars, rows } = await publishedOrComputed(ctx, code);
  const names = new Map(stars.map((s) => [s.code, s.name]));
  return {
    campaign,
    version,
    rows: rows
      .filter((r) => r.count >= 1)
      .sort((a, b) => b.count - a.count || a.rank - b.rank)
      .map((r) => ({
        unitCode: r.unitCode,
        unitName: r.unitName,
        streetName: r.streetName,
        count: r.count,
        label: r.label,
        starNames: stars
          .filter((s) => r.stars.some((x) => x.star === s.code && x.earned))
          .map((s) => names.get(s.code) ?? s.code),
      })),
  };
}
