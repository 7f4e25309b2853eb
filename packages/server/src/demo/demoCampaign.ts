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

/**
 * Adds the 2023 five-star campaign to the demo district: targets (ZB plus 1–3 stars each, one declaration
 * pending), monthly 日常任务 and 督导观摩 scores for January–December varying by village, December 年度考核 by
 * five judges, a few 夺旗争先 bonuses, and every month but December locked. Deterministic and fast.
 */
export async function seedDemoCampaign(ctx: ServiceContext): Promise<void> {
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
        entries.push(entry(u.unit_id, item.id, '区委组织部', Math.round(level * 10), at));
      else if (item.module === 'DD')
        entries.push(entry(u.unit_id, item.id, '督导组', Math.round(level * 100), at));
      else if (item.module === 'ND')
        for (let j = 1; j <= 5; j++)
          entries.push(
            entry(
              u.unit_id,
              item.id,
              `评委${j}`,
              Math.round(clamp01(level + (random() - 0.5) * 0.12) * 100),
              at,
            ),
          );
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
    action: 'campaign.seed',
    entity: 'campaign',
    entityId: campaignId,
    before: null,
    after: {
      code: DEMO_CAMPAIGN.code,
      scores: entries.length,
      bonuses: bonuses.length,
      lockedThrough: '2023-11',
    },
  });
}
