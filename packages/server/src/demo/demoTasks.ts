import { newId } from '../lib/ids';
import type { ServiceContext } from '../services/context';
import type { DemoPlannedScore } from './demoCampaign';

/** The demo year's 日常任务: the planned points of every unit's monthly item. */
export async function seedDemoTasks(
  ctx: ServiceContext,
  campaignId: string,
  rc: DemoPlannedScore[],
): Promise<void> {
  const items = new Map((await ctx.repos.campaigns.items(campaignId)).map((i) => [i.id, i]));
  await ctx.repos.scores.insertMany(
    rc.map((p, n) => ({
      id: newId(),
      campaign_id: campaignId,
      unit_id: p.unitId,
      item_id: p.itemId,
      scorer: '区委组织部',
      points: p.points[0] ?? 0,
      na: 0,
      source: 'import',
      reason: null,
      supersedes_id: null,
      idempotency_key: `seed:${campaignId}:rc:${n}`,
      entered_by: null,
      entered_by_name: '系统（示例数据）',
      entered_at: `${items.get(p.itemId)?.month ?? '2023-12'}-25T02:00:00.000Z`,
    })),
  );
}
