import { monthKey, seededRandom } from '@wuxing/core';
import { newId } from '../lib/ids';
import type { BonusRow } from '../repositories/bonus.repository';
import type { ScoreEntryRow } from '../repositories/score.repository';
import { recordAudit } from '../services/audit.service';
import { createCampaign } from '../services/campaign.service';
import type { ServiceContext } from '../services/context';
import { setTargets } from '../services/target.service';

/** The demo campaign: 2023 five-star creation (五星支部创建) of every village and community of 石龙区. */
export const DEMO_CAMPAIGN = { code: 'WX2023', name: '2023年度五星支部创建', year: 2023 };

/** Villages that score low all year, so the demo shows warnings and a spread ranking. */
const WEAK = new Set(['LX-DY', 'GZ-SM', 'LH-LS']);
/** A village whose new declaration waits for its street admin (the demo street login is 龙兴街道). */
const PENDING = 'LX-SZ';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Planned points of one (unit, item): 日常任务 (RC) gets one value on the item's 0–10 scale, 年度考核 (ND) five. */
export interface DemoPlannedScore {
  unitId: string;
  itemId: string;
  points: number[];
}

/**
 * What the demo year's 日常任务 and 年度考核 come to, per (unit, item). The campaign seeds neither: the daily
 * tasks (their reviews) and the acceptance round (its sheets) are seeded to produce exactly these points.
 */
export interface DemoPlan {
  campaignId: string;
  rc: DemoPlannedScore[];
  nd: DemoPlannedScore[];
}

/**
 * Adds the 2023 five-star campaign to the demo district: targets (ZB plus 1–3 stars each, one declaration
 * pending), monthly 督导观摩 scores for January–December varying by village, and a few 夺旗争先 bonuses. Returns
 * the planned 日常任务 and 年度考核 points, which the tasks and the acceptance round then produce.
 * Deterministic and fast. Months are locked afterwards (lockDemoMonths).
 */
export async function seedDemoCampaign(ctx: ServiceContext): Promise<DemoPlan> {
  const detail = await createCampaign(ctx, { ...DEMO_CAMPAIGN, template: 'five-star' });
  const campaignId = detail.campaign.id;
  await ctx.repos.campaigns.update(campaignId, { demo: 1 });
  const random = seededRandom(20230101);
  const units = await ctx.repos.campaigns.units(campaignId);
  const others = ['CY', 'ST', 'PA', 'WM'];

  const targetsOf = new Map<string, string[]>();
  for (const u of units) {
    const pool = [...others];
    const k = 1 + Math.floor(random() * 3);
    const chosen: string[] = [];
    for (let i = 0; i < k; i++) chosen.push(...pool.splice(Math.floor(random() * pool.length), 1));
    const stars = ['ZB', ...others.filter((s) => chosen.includes(s))];
    targetsOf.set(u.unit_id, stars);
    await setTargets(ctx, DEMO_CAMPAIGN.code, u.code, { stars });
  }
  // One village re-declares an extra star; its street admin has yet to decide.
  const pending = units.find((u) => u.code === PENDING);
  const pendingStars = pending ? (targetsOf.get(pending.unit_id) ?? []) : [];
  const extra = others.find((s) => !pendingStars.includes(s));
  if (pending && extra)
    await ctx.repos.targets.insertMany([
      {
        id: newId(),
        campaign_id: campaignId,
        unit_id: pending.unit_id,
        star: extra,
        status: 'declared',
        declared_by: null,
        declared_at: ctx.now,
        decided_by: null,
        decided_at: null,
        note: null,
      },
      ...pendingStars.map((star) => ({
        id: newId(),
        campaign_id: campaignId,
        unit_id: pending.unit_id,
        star,
        status: 'declared',
        declared_by: null,
        declared_at: ctx.now,
        decided_by: null,
        decided_at: null,
        note: null,
      })),
    ]);

  const items = await ctx.repos.campaigns.items(campaignId);
  const entries: ScoreEntryRow[] = [];
  const rc: DemoPlannedScore[] = [];
  const nd: DemoPlannedScore[] = [];
  const entry = (
    unitId: string,
    itemId: string,
    scorer: string,
    points: number,
    at: string,
  ): ScoreEntryRow => ({
    id: newId(),
    campaign_id: campaignId,
    unit_id: unitId,
    item_id: itemId,
    scorer,
    points,
    na: 0,
    source: 'import',
    reason: null,
    supersedes_id: null,
    idempotency_key: `seed:${campaignId}:${entries.length}`,
    entered_by: null,
    entered_by_name: '系统（示例数据）',
    entered_at: at,
  });
  for (const u of units) {
    const weak = WEAK.has(u.code);
    const quality = weak ? 0.45 + random() * 0.15 : 0.72 + random() * 0.25;
    const trend = (random() - 0.4) * 0.01; // some improve over the year, some slip
    const stars = new Set(targetsOf.get(u.unit_id) ?? ['ZB']);
    for (const item of items) {
      if (!stars.has(item.star)) continue;
      const m = Number(item.month.slice(5, 7));
      const at = `${item.month}-25T02:00:00.000Z`;
      const level = clamp01(quality + trend * m + (random() - 0.5) * 0.16);
      if (item.module === 'RC')
        rc.push({ unitId: u.unit_id, itemId: item.id, points: [Math.round(level * 10)] });
      else if (item.module === 'DD')
        entries.push(entry(u.unit_id, item.id, '督导组', Math.round(level * 100), at));
      else if (item.module === 'ND') {
        const points: number[] = [];
        for (let j = 1; j <= 5; j++) points.push(Math.round(clamp01(level + (random() - 0.5) * 0.12) * 100));
        nd.push({ unitId: u.unit_id, itemId: item.id, points });
      }
    }
  }
  await ctx.repos.scores.insertMany(entries);

  const reasons = [
    '承办全区党建观摩现场会',
    '获评市级先进基层党组织',
    '乡村振兴项目获省级表彰',
    '平安建设工作获市通报表扬',
    '文明实践活动获市级推广',
  ];
  const bonuses: BonusRow[] = [];
  for (let k = 0; k < 6; k++) {
    const u = units[Math.floor(random() * units.length)];
    if (!u) continue;
    const stars = targetsOf.get(u.unit_id) ?? ['ZB'];
    const star = stars[Math.floor(random() * stars.length)] ?? 'ZB';
    const month = monthKey(DEMO_CAMPAIGN.year, 2 + Math.floor(random() * 9));
    bonuses.push({
      id: newId(),
      campaign_id: campaignId,
      unit_id: u.unit_id,
      star,
      module: 'DQ',
      month,
      points: 1 + Math.floor(random() * 3),
      reason: reasons[k % reasons.length] ?? '夺旗争先',
      source: 'import',
      idempotency_key: `seed:${campaignId}:bonus:${k}`,
      entered_by: null,
      entered_by_name: '系统（示例数据）',
      entered_at: `${month}-28T02:00:00.000Z`,
    });
  }
  await ctx.repos.bonuses.insertMany(bonuses);
  await recordAudit(ctx, {
    action: 'campaign.seed',
    entity: 'campaign',
    entityId: campaignId,
    before: null,
    after: { code: DEMO_CAMPAIGN.code, scores: entries.length, bonuses: bonuses.length },
  });
  return { campaignId, rc, nd };
}

/** Locks January–November of the demo year, as the district would have month by month. */
export async function lockDemoMonths(ctx: ServiceContext, campaignId: string): Promise<void> {
  for (let m = 1; m <= 11; m++) {
    const month = monthKey(DEMO_CAMPAIGN.year, m);
    await ctx.repos.campaigns.insertLock({
      campaign_id: campaignId,
      month,
      locked_by: null,
      locked_by_name: '系统（示例数据）',
      locked_at: `${monthKey(DEMO_CAMPAIGN.year, m + 1)}-05T02:00:00.000Z`,
    });
  }
  await recordAudit(ctx, {
    action: 'campaign.lock',
    entity: 'campaign',
    entityId: campaignId,
    before: null,
    after: { code: DEMO_CAMPAIGN.code, lockedThrough: '2023-11' },
  });
}
