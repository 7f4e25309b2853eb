import { newId } from '../lib/ids';
import { recordAudit } from '../services/audit.service';
import { effectiveTargets, requiredStarOf } from '../services/campaignLoader';
import type { ServiceContext } from '../services/context';
import { DEMO_CAMPAIGN } from './demoCampaign';

/** The villages whose 创建档案 the demo fills: 龙兴街道's seven and 何庄村 (the demo village user's). */
const FILED = (code: string) => code.startsWith('LX-') || code === 'RML-HZ';

/** Per star: the measures a village writes down, and its progress reports through the year. */
const MEASURES: Record<string, string[]> = {
  ZB: ['落实“三会一课”、主题党日制度，书记每季度讲一次党课', '党员积分管理，每月公示积分'],
  CY: ['成立合作社，发展特色种植，引进一家农产品加工企业', '村集体经济项目台账化管理，每季度分析一次'],
  PA: ['落实“一村一法律顾问”，矛盾纠纷每月排查化解', '网格化管理，党员联系户全覆盖'],
  WM: ['开展“好媳妇、好婆婆”评选，完善村规民约', '新时代文明实践站每月至少一次活动'],
  ST: ['人居环境整治，垃圾分类定点投放', '沟渠清淤、村道两侧绿化补植'],
};
const PROGRESS: [string, string, number][] = [
  ['2023-04-20T02:00:00.000Z', '制度已上墙，台账按月建立，完成第一季度计划', 30],
  ['2023-08-18T02:00:00.000Z', '主要措施均已落实，上级督导反馈问题已整改', 65],
  ['2023-11-24T02:00:00.000Z', '年度创建任务基本完成，正在整理佐证材料迎接验收', 90],
];

/**
 * 创建档案 of the demo year: for 龙兴街道's villages and 何庄村, per target star, the measures written down in
 * March and progress reports in April, August and November (later ones only for some stars, so the file shows
 * stars at different stages). Entered as the village's Party branch; no photos. One audit record for all.
 */
export async function seedDemoCreationFiles(sys: ServiceContext): Promise<void> {
  const campaign = await sys.repos.campaigns.findByCode(DEMO_CAMPAIGN.code);
  if (!campaign) return;
  const stars = await sys.repos.campaigns.stars(campaign.id);
  const order = stars.map((s) => s.code);
  const required = requiredStarOf(campaign.prerequisite, order);
  const ids: string[] = [];
  const units = (await sys.repos.campaigns.units(campaign.id)).filter((u) => FILED(u.code));
  for (const [u, unit] of units.entries()) {
    const approved = (await sys.repos.targets.forUnit(campaign.id, unit.unit_id))
      .filter((t) => t.status === 'approved')
      .map((t) => t.star);
    const targets = effectiveTargets(approved, required, order);
    for (const [s, star] of targets.entries()) {
      const entries: { kind: string; text: string; percent: number | null; at: string }[] = (
        MEASURES[star] ?? ['制定本星创建方案，明确责任人和完成时限']
      ).map((text, i) => ({ kind: 'measure', text, percent: null, at: `2023-03-${10 + i}T02:00:00.000Z` }));
      // Each star reports one, two or three times, by village and star, so the stages differ.
      const reports = 1 + ((u + s) % 3);
      for (const [at, text, percent] of PROGRESS.slice(0, reports))
        entries.push({ kind: 'progress', text, percent: Math.max(10, percent - ((u * 7 + s * 3) % 15)), at });
      for (const [i, e] of entries.entries()) {
        const id = newId();
        ids.push(id);
        await sys.repos.creationFiles.insert({
          id,
          campaign_id: campaign.id,
          unit_id: unit.unit_id,
          star,
          kind: e.kind,
          text: e.text,
          percent: e.percent,
          entered_by: null,
          entered_by_name: `${unit.name}党支部`,
          entered_at: e.at,
          idempotency_key: `demo-creation-${unit.code}-${star}-${i}`,
          fingerprint: 'demo',
        });
      }
    }
  }
  await sys.repos.creationFiles.markDemo(ids);
  await recordAudit(sys, {
    action: 'creationFile.demo.seed',
    entity: 'campaign',
    entityId: campaign.id,
    before: null,
    after: { units: units.length, entries: ids.length },
  });
}
