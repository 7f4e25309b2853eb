import { newId } from '../lib/ids';
import type { ServiceContext } from '../services/context';
import type { DemoPlannedScore } from './demoCampaign';

/** The demo year's 年度考核: five scorers' planned points on every unit's December item. */
export async function seedDemoAcceptance(
  ctx: ServiceContext,
  campaignId: string,
  nd: DemoPlannedScore[],
): Promise<void> {
  let n = 0;
  await ctx.repos.scores.insertMany(
    nd.flatMap((p) =>
      p.points.map((points, j) => ({
        id: newId(),
        campaign_id: campaignId,
        unit_id: p.unitId,
        item_id: p.itemId,
        scorer: `评委${j + 1}`,
        points,
        na: 0,
        source: 'import',
        reason: null,
        supersedes_id: null,
        idempotency_key: `seed:${campaignId}:nd:${n++}`,
        entered_by: null,
        entered_by_name: '系统（示例数据）',
        entered_at: '2023-12-25T02:00:00.000Z',
      })),
    ),
  );
}
