import { seededRandom } from '@wuxing/core';
import type { Insertable } from 'kysely';
import type { VisitMethod } from '../contracts/supervision';
import type { InspectionLinesTable, InspectionsTable } from '../db/schema';
import { newId } from '../lib/ids';
import type { Actor } from '../policies/actor';
import type { SheetLineRow } from '../repositories/sheetTemplate.repository';
import { recordAudit } from '../services/audit.service';
import { effectiveTargets, findCampaign, requiredStarOf } from '../services/campaignLoader';
import type { ServiceContext } from '../services/context';
import { getSheet, sheetFingerprint, submitSheet } from '../services/inspection.service';
import { closeRound, createRound, type RoundDetail } from '../services/round.service';
import { createDefaultTemplate } from '../services/sheetTemplate.service';
import { DEMO_CAMPAIGN } from './demoCampaign';

/**
 * Units each demo inspector has already scored in the open observation round GM-2023-12 (the others wait).
 * `inspector` keeps 龙兴街道 at 3/7 (LX-LX, LX-LZ, LX-JZ and LX-DY are left for it to score); the other
 * streets are partly covered: 人民路街道 2/5, 高庄街道 2/4, 龙河街道 1/4.
 */
const SCORED_IN_DECEMBER: [username: string, unitCodes: string[]][] = [
  ['inspector', ['LX-SZ', 'LX-ZZ', 'LX-CZ']],
  ['inspector-rml', ['RML-HZ', 'RML-SD']],
  ['inspector-gz', ['GZ-GZ', 'GZ-YW']],
  ['inspector-lh', ['LH-HW']],
];

/** Villages that score lower on site (the same ones have more problems in the ledger). */
const WEAK = new Set(['LX-DY', 'GZ-SM', 'LH-LS']);

const DAY_MS = 86_400_000;

/** An instant on a China date at a China hour (may be fractional). */
const instant = (date: string, hour: number) =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + (hour - 8) * 3_600_000).toISOString();

/** The working days (Monday–Friday) from `from` to `to`, both included. */
function workingDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00.000Z`); t <= Date.parse(`${to}T00:00:00.000Z`); t += DAY_MS) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Plausible points for a sheet's lines: around the unit's level, whole points, never above a line's max. */
function plausiblePoints(lines: SheetLineRow[], level: number, random: () => number) {
  return lines.map((l) => ({
    lineId: l.id,
    points: Math.max(0, Math.round(Math.min(1, level + (random() - 0.5) * 0.2) * Number(l.max))),
  }));
}

/** A demo inspector as the actor of its own submissions. */
async function actorOf(ctx: ServiceContext, username: string): Promise<Actor | null> {
  const user = await ctx.repos.users.findByUsername(username);
  if (!user) return null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: 'inspector',
    scopeUnitId: null,
    scopePath: null,
    assignedPaths: (await ctx.repos.users.assignments(user.id)).map((a) => a.path),
    sessionId: 'seed',
  };
}

/**
 * Every unit of a (not scored) full-coverage supervision round gets a first sheet from the inspector assigned
 * to it, visited on a working day inside the round's dates. Batch-inserted (the round is closed right after,
 * and writes no ledger rows because it is not scored); the fingerprint is inspection.service's, the one it pins
 * to the idempotency key, so the seeded sheets look exactly like submitted ones.
 */
async function seedFullCoverage(ctx: ServiceContext, detail: RoundDetail, seed: number): Promise<void> {
  const round = detail.summary.round;
  const campaign = await findCampaign(ctx.repos, round.campaign_code);
  const order = (await ctx.repos.campaigns.stars(campaign.id)).map((s) => s.code);
  const required = requiredStarOf(campaign.prerequisite, order);
  const approved = new Map<string, string[]>();
  for (const t of await ctx.repos.targets.list(campaign.id, ['approved']))
    approved.set(t.unit_id, [...(approved.get(t.unit_id) ?? []), t.star]);
  const lines = await ctx.repos.sheetTemplates.lines([round.template_id]);
  const days = workingDays(round.starts_on, round.ends_on);
  const random = seededRandom(seed);
  const sheets: Insertable<InspectionsTable>[] = [];
  const sheetLines: Insertable<InspectionLinesTable>[] = [];
  const visitsOf = new Map<string, number>();
  for (const { unit, inspectors } of detail.units) {
    const inspector = inspectors[0];
    if (!inspector) continue;
    // Each inspector visits the units of their street one after another, one or two a working day.
    const visit = visitsOf.get(inspector.userId) ?? 0;
    visitsOf.set(inspector.userId, visit + 1);
    const day = days[Math.min(days.length - 1, Math.floor(visit * 1.5))] ?? round.starts_on;
    const visitedAt = instant(day, visit % 2 === 0 ? 9 + random() * 2 : 14 + random() * 2);
    const targets = new Set(effectiveTargets(approved.get(unit.unit_id) ?? [], required, order));
    const level = (WEAK.has(unit.code) ? 0.62 : 0.76) + random() * 0.16;
    const points = plausiblePoints(
      lines.filter((l) => targets.has(l.star)),
      level,
      random,
    );
    // Every visit reads the records and looks on site; every other one also talks with members and households.
    const methods = visit % 2 === 0 ? 'documents,interviews,site' : 'documents,site';
    const id = newId();
    sheets.push({
      id,
      round_id: round.id,
      unit_id: unit.unit_id,
      inspector_id: inspector.userId,
      inspector_name: inspector.name,
      version: 1,
      supersedes_id: null,
      reason: null,
      note: null,
      visited_at: visitedAt,
      methods,
      latitude: null,
      longitude: null,
      accuracy: null,
      idempotency_key: `seed:${round.number}:${unit.code}`,
      fingerprint: sheetFingerprint(inspector.userId, {
        idempotencyKey: `seed:${round.number}:${unit.code}`,
        roundId: round.id,
        unitCode: unit.code,
        baseVersion: 0,
        visitedAt,
        methods: methods.split(',') as VisitMethod[],
        lines: points.map((l) => ({ lineId: l.lineId, points: l.points, photoKeys: [] })),
      }),
      submitted_at: new Date(Date.parse(visitedAt) + (30 + random() * 60) * 60_000).toISOString(),
    });
    for (const p of points)
      sheetLines.push({ inspection_id: id, line_id: p.lineId, points: p.points, note: null });
  }
  for (const sheet of sheets) await ctx.repos.inspections.insert(sheet);
  await ctx.repos.inspections.insertLines(sheetLines);
  await recordAudit(ctx, {
    action: 'inspection.seed',
    entity: 'round',
    entityId: round.id,
    before: null,
    after: { round: round.number, sheets: sheets.length, lines: sheetLines.length },
  });
}

/**
 * Adds supervision on site to the demo campaign: the default sheet DD-SHEET, two closed monthly supervision
 * rounds (DD-2023-10, DD-2023-11, not scored) in which every unit was visited, and the open, scored December
 * observation round GM-2023-12, in which each street's inspector has scored some of its units (龙兴街道 3/7 by
 * `inspector`); those sheets go into the ledger like any submission.
 */
export async function seedDemoSupervision(ctx: ServiceContext): Promise<void> {
  const code = DEMO_CAMPAIGN.code;
  const template = await createDefaultTemplate(ctx, code);
  await ctx.repos.sheetTemplates.update(template.template.id, { demo: 1 });
  const base = { campaign: code, templateCode: template.template.code, mode: 'regular' as const };
  const rounds = [
    await createRound(ctx, {
      ...base,
      name: '10月全覆盖督导',
      kind: 'supervision',
      month: '2023-10',
      scored: false,
      startsOn: '2023-10-16',
      endsOn: '2023-10-27',
    }),
    await createRound(ctx, {
      ...base,
      name: '11月全覆盖督导',
      kind: 'supervision',
      month: '2023-11',
      scored: false,
      startsOn: '2023-11-13',
      endsOn: '2023-11-24',
    }),
    await createRound(ctx, {
      ...base,
      name: '第四季度逐村观摩评比',
      kind: 'observation',
      month: '2023-12',
      scored: true,
      startsOn: '2023-12-11',
      endsOn: '2023-12-29',
    }),
  ];
  for (const r of rounds) await ctx.repos.rounds.update(r.summary.round.id, { demo: 1 });
  const [october, november, december] = rounds;
  if (october) await seedFullCoverage(ctx, october, 20231016);
  if (november) await seedFullCoverage(ctx, november, 20231113);
  for (const r of [october, november]) if (r) await closeRound(ctx, r.summary.round.id);

  const observation = december?.summary.round;
  if (!observation) return;
  for (const [index, [username, unitCodes]] of SCORED_IN_DECEMBER.entries()) {
    const actor = await actorOf(ctx, username);
    if (!actor) continue;
    const as: ServiceContext = { ...ctx, actor };
    // One sequence per inspector, so one street's demo scores never depend on another's.
    const random = seededRandom(20231211 + index);
    let day = 11 + index;
    for (const unitCode of unitCodes) {
      const sheet = await getSheet(as, observation.id, unitCode);
      const level = (WEAK.has(unitCode) ? 0.6 : 0.7) + random() * 0.25;
      await submitSheet(as, {
        idempotencyKey: `seed:${observation.number}:${unitCode}`,
        roundId: observation.id,
        unitCode,
        baseVersion: 0,
        visitedAt: `2023-12-${String(day++).padStart(2, '0')}T02:30:00.000Z`,
        note: null,
        methods: ['documents', 'site'],
        lines: plausiblePoints(
          sheet.stars.flatMap((s) => s.lines),
          level,
          random,
        ).map((l) => ({ ...l, note: null, photoKeys: [] })),
      });
    }
  }
}
