import { createHash } from 'node:crypto';
import { chinaDate, sheetItemPoints } from '@wuxing/core';
import { type SubmitSheetBody, VISIT_METHODS, type VisitMethod } from '../contracts/supervision';
import { canonicalJson } from '../lib/canonicalJson';
import { conflict, forbidden, invalid, notFound, unauthenticated } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Actor } from '../policies/actor';
import { authorize } from '../policies/policy';
import type {
  CampaignItemRow,
  CampaignRow,
  CampaignStarRow,
  CampaignUnitRow,
} from '../repositories/campaign.repository';
import type { InspectionWithUnitRow } from '../repositories/inspection.repository';
import type { PhotoRow } from '../repositories/photo.repository';
import type { ProblemListRow } from '../repositories/problem.repository';
import type { ScoreEntryRow } from '../repositories/score.repository';
import type { SheetLineRow } from '../repositories/sheetTemplate.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import { currentItemScore, findCampaign, lockedMonths, unitTargetStars } from './campaignLoader';
import type { ServiceContext } from './context';
import { resolvePhotoKeys } from './photoRefs';
import { problemItem } from './problemRead.service';
import { loadVisibleRound, type RoundState, type RoundSummary, summaryFor } from './round.service';

/** One submitted version of a sheet with its lines and their photos. */
export interface InspectionFull {
  row: InspectionWithUnitRow;
  lines: { line_id: string; points: number; note: string | null; photos: PhotoRow[] }[];
}

/** One star of a unit's sheet with the campaign item its total fills (scored rounds). */
export interface SheetStar {
  star: CampaignStarRow;
  item: CampaignItemRow | null;
  locked: boolean;
  lines: SheetLineRow[];
}

/** What the phone page needs to score one unit in a round. */
export interface Sheet {
  summary: RoundSummary;
  unit: CampaignUnitRow;
  street: UnitRow | null;
  targets: string[];
  templateName: string;
  rule: string;
  stars: SheetStar[];
  mine: InspectionFull | null;
  submittedCount: number;
  problems: { row: ProblemListRow; overdue: boolean; daysOverdue: number }[];
}

/** What a submission did. */
export interface SubmitResult {
  inspection: InspectionFull;
  replayed: boolean;
  itemScores: { star: string; itemCode: string; score: number }[];
}

/** The unit's sheet as a round's template and the unit's targets make it. */
interface SheetModel {
  campaign: CampaignRow;
  targets: string[];
  lines: SheetLineRow[];
  stars: SheetStar[];
}

async function sheetModel(
  ctx: ServiceContext,
  state: RoundState,
  unit: CampaignUnitRow,
): Promise<SheetModel> {
  const { round } = state;
  const campaign = await findCampaign(ctx.repos, round.campaign_code);
  const { stars, targets } = await unitTargetStars(ctx.repos, campaign, unit.unit_id);
  const lines = await ctx.repos.sheetTemplates.lines([round.template_id]);
  const items = round.scored ? await ctx.repos.campaigns.items(campaign.id) : [];
  const locked = lockedMonths(await ctx.repos.campaigns.locks(campaign.id)).has(round.month);
  const sheetStars: SheetStar[] = [];
  for (const star of stars) {
    const own = lines.filter((l) => l.star === star.code);
    if (!targets.includes(star.code) || own.length === 0) continue;
    const item =
      items.find(
        (i) => i.module === round.template_module && i.star === star.code && i.month === round.month,
      ) ?? null;
    sheetStars.push({ star, item, locked, lines: own });
  }
  return { campaign, targets, lines, stars: sheetStars };
}

/** Lines and photos of some sheets. */
async function withLines(ctx: ServiceContext, rows: InspectionWithUnitRow[]): Promise<InspectionFull[]> {
  const ids = rows.map((r) => r.id);
  const lines = await ctx.repos.inspections.lines(ids);
  const photos = await ctx.repos.inspections.photos(ids);
  return rows.map((row) => ({
    row,
    lines: lines
      .filter((l) => l.inspection_id === row.id)
      .map((l) => ({
        line_id: l.line_id,
        points: l.points,
        note: l.note,
        photos: photos.filter((p) => p.inspection_id === row.id && p.line_id === l.line_id),
      })),
  }));
}

/** Finds a unit of the round the actor may see: 404 when not in the round, 403 when not the actor's. */
async function visibleRoundUnit(
  ctx: ServiceContext,
  roundId: string,
  unitCode: string,
): Promise<{ actor: Actor; state: RoundState; unit: CampaignUnitRow }> {
  const { actor, state, visible } = await loadVisibleRound(ctx, roundId);
  const unit = state.units.find((u) => u.code === unitCode);
  if (!unit) throw notFound('该单位不在本轮次中');
  if (!visible.some((u) => u.unit_id === unit.unit_id)) throw forbidden();
  return { actor, state, unit };
}

/**
 * Everything the phone page needs to score a unit in a round: the stars of the unit's targets with their
 * lines and the item each fills, the viewer's own latest sheet, how many have submitted, and the problems
 * raised at the unit in this round.
 */
export async function getSheet(ctx: ServiceContext, roundId: string, unitCode: string): Promise<Sheet> {
  const { actor, state, unit } = await visibleRoundUnit(ctx, roundId, unitCode);
  const model = await sheetModel(ctx, state, unit);
  const mine = await ctx.repos.inspections.latest(state.round.id, unit.unit_id, actor.userId);
  const street = unit.parent_id ? ((await ctx.repos.units.findById(unit.parent_id)) ?? null) : null;
  return {
    summary: summaryFor(actor, state),
    unit,
    street,
    targets: model.targets,
    templateName: state.round.template_name,
    rule: state.round.template_rule,
    stars: model.stars,
    mine: mine ? ((await withLines(ctx, [mine]))[0] ?? null) : null,
    submittedCount: new Set(state.heads.filter((h) => h.unit_id === unit.unit_id).map((h) => h.inspector_id))
      .size,
    problems: (await ctx.repos.problems.ofRoundUnit(state.round.id, unit.unit_id)).map((row) =>
      problemItem(row, chinaDate(ctx.now)),
    ),
  };
}

/** Every version of every inspector's sheet for a unit in a round (district, the unit's street, its inspectors). */
export async function listUnitInspections(
  ctx: ServiceContext,
  roundId: string,
  unitCode: string,
): Promise<InspectionFull[]> {
  const { state, unit } = await visibleRoundUnit(ctx, roundId, unitCode);
  return withLines(ctx, await ctx.repos.inspections.forUnit(state.round.id, unit.unit_id));
}

/** One submitted sheet, for whoever may read the unit's problem ledger. */
export async function getInspection(ctx: ServiceContext, id: string): Promise<InspectionFull> {
  if (!ctx.actor) throw unauthenticated();
  const row = await ctx.repos.inspections.findById(id);
  if (!row) throw notFound('评分记录不存在');
  authorize(ctx.actor, { do: 'problem.read', unit: { path: row.unit_path, type: row.unit_type } });
  const [full] = await withLines(ctx, [row]);
  if (!full) throw notFound('评分记录不存在');
  return full;
}

/** A sheet's visit methods as stored: their codes in VISIT_METHODS order, joined by commas. */
export function storedMethods(methods: readonly VisitMethod[]): string {
  return VISIT_METHODS.filter((m) => methods.includes(m)).join(',');
}

/** The content an idempotency key pins: who, where, which base version, and every line (order-free). */
export function sheetFingerprint(inspectorId: string, body: SubmitSheetBody): string {
  const content = {
    inspector: inspectorId,
    roundId: body.roundId,
    unitCode: body.unitCode,
    baseVersion: body.baseVersion,
    reason: body.reason ?? null,
    note: body.note ?? null,
    visitedAt: new Date(body.visitedAt).toISOString(),
    // Only when given: the keys of sheets submitted before the methods were asked keep their fingerprints.
    ...(body.methods ? { methods: storedMethods(body.methods) } : {}),
    location: body.location
      ? {
          latitude: body.location.latitude,
          longitude: body.location.longitude,
          accuracy: body.location.accuracy ?? null,
        }
      : null,
    lines: [...body.lines]
      .sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0))
      .map((l) => ({ lineId: l.lineId, points: l.points, note: l.note ?? null, photoKeys: l.photoKeys })),
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

async function itemScoresNow(
  ctx: ServiceContext,
  model: SheetModel,
  unitId: string,
  trimmed: boolean,
): Promise<SubmitResult['itemScores']> {
  const current = await ctx.repos.scores.currentEntries(model.campaign.id, unitId);
  return model.stars.flatMap((s) => {
    const item = s.item;
    if (!item) return [];
    const rows = current.filter((r) => r.item_id === item.id);
    const { score } = currentItemScore(rows, Number(item.max), trimmed);
    return [{ star: s.star.code, itemCode: item.code, score: score ?? 0 }];
  });
}

/**
 * Submits the actor's sheet for a unit in a round (baseVersion 0), or corrects it (baseVersion = the latest
 * version, with a reason). First submissions need the round open; a stale baseVersion is refused (409) naming
 * the newer version. In a scored round each star's total (core's sheetItemPoints) goes into the ledger as the
 * inspector's entry on the month's item of the template's module, superseding their previous one; a locked
 * month takes it only with a reason. The same idempotency key with the same content returns the first result
 * and writes nothing; with different content it is refused (409).
 */
export async function submitSheet(ctx: ServiceContext, body: SubmitSheetBody): Promise<SubmitResult> {
  authorize(ctx.actor, { do: 'round.list' });
  const actor = ctx.actor;
  const round = await ctx.repos.rounds.findById(body.roundId);
  if (!round) throw invalid('轮次不存在', 'roundId');
  const unitRow = await ctx.repos.units.findByCode(body.unitCode);
  if (!unitRow) throw invalid(`单位 ${body.unitCode} 不存在`, 'unitCode');
  const assigned = await ctx.repos.rounds.isAssigned(round.id, unitRow.id, actor.userId);
  authorize(actor, { do: 'inspection.submit', unit: unitRow, assigned });
  const { state } = await loadVisibleRound(ctx, round.id);
  const unit = state.units.find((x) => x.unit_id === unitRow.id);
  if (!unit) throw invalid(`单位 ${body.unitCode} 不在本轮次中`, 'unitCode');
  const model = await sheetModel(ctx, state, unit);
  const lineById = new Map(model.lines.map((l) => [l.id, l]));
  const sheetStars = new Set(model.stars.map((s) => s.star.code));
  const seen = new Set<string>();
  body.lines.forEach((l, i) => {
    const line = lineById.get(l.lineId);
    if (!line) throw invalid(`第${i + 1}项不是本轮次评分表中的评分项`, `lines.${i}.lineId`);
    if (!sheetStars.has(line.star))
      throw invalid(`评分项“${line.name}”所属的星 ${line.star} 不是本单位的创建目标`, `lines.${i}.lineId`);
    if (seen.has(l.lineId)) throw invalid(`评分项“${line.name}”重复`, `lines.${i}.lineId`);
    seen.add(l.lineId);
    if (l.points > Number(line.max))
      throw invalid(`评分项“${line.name}”的得分不能超过满分 ${Number(line.max)}`, `lines.${i}.points`);
  });
  const missing = model.stars.flatMap((s) => s.lines).filter((l) => !seen.has(l.id));
  if (missing.length > 0)
    throw invalid(
      `还有${missing.length}项未评分：${missing
        .map((l) => l.name)
        .slice(0, 5)
        .join('、')}`,
      'lines',
    );
  if (Date.parse(body.visitedAt) > Date.parse(ctx.now) + 10 * 60_000)
    throw invalid('现场时间不能晚于当前时间', 'visitedAt');
  const photosByLine = new Map<string, PhotoRow[]>();
  for (const l of body.lines)
    photosByLine.set(l.lineId, await resolvePhotoKeys(ctx, l.photoKeys, unit.unit_id));
  const fingerprint = sheetFingerprint(actor.userId, body);
  const trimmed = round.template_rule === 'trimmed';

  // Writers queue here (with the audit chain), so the key and the version are checked and written atomically.
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.inspections.findByIdempotencyKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== fingerprint)
      throw conflict('该幂等键已用于内容不同的另一次提交，请勿用同一个键提交不同的评分表', 'idempotencyKey');
    const [full] = await withLines(ctx, [existing]);
    if (!full) throw notFound('评分记录不存在');
    return {
      inspection: full,
      replayed: true,
      itemScores: await itemScoresNow(ctx, model, unit.unit_id, trimmed),
    };
  }
  const latest = await ctx.repos.inspections.latest(round.id, unit.unit_id, actor.userId);
  const current = latest?.version ?? 0;
  if (body.baseVersion !== current)
    throw conflict(
      latest
        ? `评分表已有更新的版本（第${latest.version}版，${latest.inspector_name}于${latest.submitted_at}提交），请刷新后在最新版本上修改`
        : '该评分表尚未提交过，请按首次提交（baseVersion 为 0）',
      'baseVersion',
    );
  const reason = body.reason ?? null;
  if (current === 0 && round.status !== 'open')
    throw conflict('本轮次已结束，不能再提交新的评分表', 'roundId');
  if (current > 0 && !reason) throw invalid('修改已提交的评分表须填写原因', 'reason');
  const locked = model.stars.some((s) => s.item !== null && s.locked);
  if (locked && !reason) throw invalid(`${round.month} 已锁定：提交该月评分须作为更正，并填写原因`, 'reason');

  const id = newId();
  await ctx.repos.inspections.insert({
    id,
    round_id: round.id,
    unit_id: unit.unit_id,
    inspector_id: actor.userId,
    inspector_name: actor.displayName,
    version: current + 1,
    supersedes_id: latest?.id ?? null,
    reason,
    note: body.note ?? null,
    visited_at: new Date(body.visitedAt).toISOString(),
    methods: storedMethods(body.methods ?? []),
    latitude: body.location?.latitude ?? null,
    longitude: body.location?.longitude ?? null,
    accuracy: body.location?.accuracy ?? null,
    idempotency_key: body.idempotencyKey,
    fingerprint,
    submitted_at: ctx.now,
  });
  await ctx.repos.inspections.insertLines(
    body.lines.map((l) => ({ inspection_id: id, line_id: l.lineId, points: l.points, note: l.note ?? null })),
  );
  const linked = new Set<string>();
  const links: { inspection_id: string; line_id: string; photo_id: string; sort: number }[] = [];
  for (const l of body.lines)
    for (const p of photosByLine.get(l.lineId) ?? [])
      if (!linked.has(p.id)) {
        linked.add(p.id);
        links.push({ inspection_id: id, line_id: l.lineId, photo_id: p.id, sort: links.length });
      }
  await ctx.repos.inspections.insertPhotoLinks(links);

  const entries: ScoreEntryRow[] = [];
  const totals: Record<string, number> = {};
  const pointsOf = new Map(body.lines.map((l) => [l.lineId, l.points]));
  for (const s of model.stars) {
    totals[s.star.code] = s.lines.reduce((sum, l) => sum + (pointsOf.get(l.id) ?? 0), 0);
    if (!round.scored || !s.item) continue;
    const points = sheetItemPoints(
      s.lines.map((l) => ({ points: pointsOf.get(l.id) ?? 0, max: Number(l.max) })),
      Number(s.item.max),
    );
    const before = await ctx.repos.scores.current(model.campaign.id, unit.unit_id, s.item.id, actor.userId);
    entries.push({
      id: newId(),
      campaign_id: model.campaign.id,
      unit_id: unit.unit_id,
      item_id: s.item.id,
      scorer: actor.userId,
      points,
      na: 0,
      source: current > 0 || locked ? 'correction' : 'sheet',
      reason,
      supersedes_id: before?.id ?? null,
      idempotency_key: `${body.idempotencyKey}:${s.star.code}`,
      entered_by: actor.userId,
      entered_by_name: actor.displayName,
      entered_at: ctx.now,
    });
  }
  await ctx.repos.scores.insertMany(entries);
  await recordAudit(ctx, {
    action: current > 0 ? 'inspection.correct' : 'inspection.submit',
    entity: 'inspection',
    entityId: id,
    before: latest ? { inspectionId: latest.id, version: latest.version } : null,
    after: {
      round: round.number,
      unit: unit.code,
      version: current + 1,
      reason,
      totals,
      ledger: entries.map((e) => ({ item: e.item_id, points: e.points })),
    },
  });
  const saved = await ctx.repos.inspections.findById(id);
  if (!saved) throw notFound('评分记录不存在');
  const [full] = await withLines(ctx, [saved]);
  if (!full) throw notFound('评分记录不存在');
  return {
    inspection: full,
    replayed: false,
    itemScores: await itemScoresNow(ctx, model, unit.unit_id, trimmed),
  };
}
