import type { Role } from '../contracts/common';
import type { Actor } from '../policies/actor';
import type { ServiceContext } from '../services/context';
import {
  acceptObjection,
  fileObjection,
  publishResults,
  rejectObjection,
} from '../services/publication.service';
import { correctScore } from '../services/score.service';
import { DEMO_CAMPAIGN } from './demoCampaign';

/**
 * 公示 of the demo year: 区委组织部 published the 2023 first quarter's results (public, GS-2023-001) on Monday
 * 10 April 2023, window through 17 April. 何庄村's secretary objected that March's 督导 had missed its 支部过硬星
 * records; the admin corrected that entry through the ledger and accepted, publishing version 2. The 龙兴街道
 * admin's objection for 大营村 was not accepted. Deterministic; skipped when already seeded.
 */

const KEY = 'demo-publication-2023-Q1';
/** The correction the accepted objection rests on: 何庄村's March 支部过硬星 督导 (DD) score, raised by this. */
const CORRECTION_POINTS = 3;

async function demoActor(ctx: ServiceContext, username: string, role: Role): Promise<Actor | null> {
  const user = await ctx.repos.users.findByUsername(username);
  const scope = user?.scope_unit_id ? await ctx.repos.units.findById(user.scope_unit_id) : undefined;
  if (!user || !scope) return null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role,
    scopeUnitId: scope.id,
    scopePath: scope.path,
    assignedPaths: [],
    sessionId: 'demo',
  };
}

export async function seedDemoPublications(ctx: ServiceContext): Promise<void> {
  const campaign = await ctx.repos.campaigns.findByCode(DEMO_CAMPAIGN.code);
  if (!campaign) return;
  if (await ctx.repos.publications.findByIdempotencyKey(KEY)) return;
  const village = await demoActor(ctx, 'village', 'village_user');
  const street = await demoActor(ctx, 'street', 'street_admin');
  if (!village || !street) return;

  const { item } = await publishResults(
    { ...ctx, now: '2023-04-10T02:00:00.000Z' },
    {
      idempotencyKey: KEY,
      campaignCode: campaign.code,
      period: '2023-Q1',
      scope: 'public',
      title: '石龙区2023年第一季度五星支部创建考评结果公示',
      publisher: '中共石龙区委组织部',
      contact: '区委组织部组织科，电话 0371-6288 1234（工作日 8:30–17:30），地址：石龙区人民路1号402室',
      windowDays: 5,
    },
  );
  const id = item.row.id;

  const accepted = await fileObjection({ ...ctx, actor: village, now: '2023-04-12T01:30:00.000Z' }, id, {
    idempotencyKey: 'demo-objection-hz',
    unitCode: 'RML-HZ',
    reason:
      '3月份督导时我村“三会一课”会议记录已补齐并送街道备案，但支部过硬星督导得分仍按缺记录扣分，请核实更正。',
    photoKeys: [],
  });
  const rejected = await fileObjection({ ...ctx, actor: street, now: '2023-04-13T03:00:00.000Z' }, id, {
    idempotencyKey: 'demo-objection-dy',
    unitCode: 'LX-DY',
    reason: '大营村一季度人居环境整治投入较大，群众反映较好，认为宜居美丽星得分偏低，请复核。',
    photoKeys: [],
  });

  await rejectObjection({ ...ctx, now: '2023-04-14T02:00:00.000Z' }, id, rejected.objection.row.id, {
    reason:
      '经核查，督导组3月现场评分有评分表和现场照片为据，大营村存在垃圾清运不及时等问题，得分无误，不予采纳。',
  });

  // The admin corrects the ledger first (the existing correction with its reason), then accepts.
  const items = await ctx.repos.campaigns.items(campaign.id);
  const march = items.find((i) => i.star === 'ZB' && i.module === 'DD' && i.month === '2023-03');
  const unit = await ctx.repos.units.findByCode('RML-HZ');
  if (!march || !unit) return;
  const entries = (await ctx.repos.scores.currentEntries(campaign.id, unit.id)).filter(
    (e) => e.item_id === march.id && e.points !== null,
  );
  // Every scorer's entry of the item (the item's score is their mean), so the item rises by the full amount.
  for (const entry of entries)
    await correctScore({ ...ctx, now: '2023-04-14T06:00:00.000Z' }, campaign.code, entry.id, {
      points: Math.min(Number(march.max), Number(entry.points) + CORRECTION_POINTS),
      na: false,
      reason: '公示异议核实（GS-2023-001）：3月督导漏计何庄村已补齐的三会一课记录',
      idempotencyKey: `demo-publication-correction-${entry.id}`,
    });
  await acceptObjection({ ...ctx, now: '2023-04-14T08:00:00.000Z' }, id, accepted.objection.row.id, {
    idempotencyKey: 'demo-publication-v2',
    reason: '采纳何庄村异议：更正3月支部过硬星督导得分（漏计已补齐的三会一课记录）',
  });
  await ctx.repos.publications.markDemo(id);
}
