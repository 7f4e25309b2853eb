import { seededRandom } from '@wuxing/core';
import type { Actor } from '../policies/actor';
import type { ServiceContext } from '../services/context';
import { getSheet, submitSheet } from '../services/inspection.service';
import { closeRound, createRound } from '../services/round.service';
import { createDefaultTemplate } from '../services/sheetTemplate.service';
import { DEMO_CAMPAIGN } from './demoCampaign';

/** LX villages the demo inspector has already scored in the open observation round (the others wait). */
const SCORED_IN_DECEMBER = ['LX-SZ', 'LX-ZZ', 'LX-CZ'];

/**
 * Adds supervision on site to the demo campaign: the default sheet DD-SHEET, two closed monthly supervision
 * rounds (DD-2023-10, DD-2023-11, not scored) and the open, scored December observation round GM-2023-12, in
 * which the demo inspector has scored three of 龙兴街道's seven villages (coverage 3/7).
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
  for (const r of rounds.slice(0, 2)) await closeRound(ctx, r.summary.round.id);

  const inspector = await ctx.repos.users.findByUsername('inspector');
  const observation = rounds[2]?.summary.round;
  if (!inspector || !observation) return;
  const actor: Actor = {
    userId: inspector.id,
    username: inspector.username,
    displayName: inspector.display_name,
    role: 'inspector',
    scopeUnitId: null,
    scopePath: null,
    assignedPaths: (await ctx.repos.users.assignments(inspector.id)).map((a) => a.path),
    sessionId: 'seed',
  };
  const as: ServiceContext = { ...ctx, actor };
  const random = seededRandom(20231211);
  let day = 11;
  for (const unitCode of SCORED_IN_DECEMBER) {
    const sheet = await getSheet(as, observation.id, unitCode);
    const level = 0.7 + random() * 0.25;
    await submitSheet(as, {
      idempotencyKey: `seed:${observation.number}:${unitCode}`,
      roundId: observation.id,
      unitCode,
      baseVersion: 0,
      visitedAt: `2023-12-${String(day++).padStart(2, '0')}T02:30:00.000Z`,
      note: null,
      lines: sheet.stars.flatMap((s) =>
        s.lines.map((l) => ({
          lineId: l.id,
          points: Math.round(Math.min(1, level + (random() - 0.5) * 0.2) * Number(l.max)),
          note: null,
          photoKeys: [],
        })),
      ),
    });
  }
}
