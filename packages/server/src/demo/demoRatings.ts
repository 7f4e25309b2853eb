import { FlagCreateBody, VetoCreateBody } from '../contracts/ratings';
import type { Actor } from '../policies/actor';
import type { ServiceContext } from '../services/context';
import { approveFlag, proposeFlag, rejectFlag } from '../services/flagAward.service';
import { recordVeto } from '../services/veto.service';
import { DEMO_CAMPAIGN } from './demoCampaign';

/**
 * 夺旗争先 and 一票否决 of the demo year: 流动红旗 monthly winners approved (three of them lift 张庄村 to four
 * stars), one award still pending (proposed by the 龙兴街道 admin), one rejected with its note, two that push
 * 河湾村's 支部过硬星 over the DQ cap of 10, and one veto on 友谊村's 平安法治星. The 2023 ratings are left
 * unconfirmed, for the district admin to confirm in the app. Deterministic; skipped when already seeded.
 */

interface DemoFlag {
  unit: string;
  star: string;
  month: string;
  points: number;
  title: string;
  reason: string;
  fate: 'approved' | 'pending' | 'rejected';
  note?: string;
  byStreet?: boolean;
}

const FLAGS: DemoFlag[] = [
  {
    unit: 'LX-ZZ',
    star: 'ZB',
    month: '2023-03',
    points: 3,
    title: '流动红旗',
    reason: '3月份“支部过硬”流动红旗',
    fate: 'approved',
  },
  {
    unit: 'RML-ZH',
    star: 'ZB',
    month: '2023-04',
    points: 5,
    title: '流动红旗',
    reason: '4月份“支部过硬”流动红旗，主题党日活动规范',
    fate: 'approved',
  },
  {
    unit: 'LH-HW',
    star: 'ZB',
    month: '2023-05',
    points: 6,
    title: '竞赛获胜',
    reason: '全区基层党建擂台赛一等奖',
    fate: 'approved',
  },
  {
    unit: 'LX-ZZ',
    star: 'CY',
    month: '2023-06',
    points: 3,
    title: '流动红旗',
    reason: '6月份“产业兴旺”流动红旗，特色种植基地建成',
    fate: 'approved',
  },
  {
    unit: 'GZ-SM',
    star: 'ST',
    month: '2023-07',
    points: 3,
    title: '流动红旗',
    reason: '7月份“生态宜居”流动红旗申报',
    fate: 'rejected',
    note: '佐证材料不足，照片无法体现人居环境整治成效',
  },
  {
    unit: 'LX-ZZ',
    star: 'WM',
    month: '2023-09',
    points: 3,
    title: '流动红旗',
    reason: '9月份“文明幸福”流动红旗，新时代文明实践站活动丰富',
    fate: 'approved',
  },
  {
    unit: 'LH-HW',
    star: 'ZB',
    month: '2023-10',
    points: 6,
    title: '流动红旗',
    reason: '10月份“支部过硬”流动红旗（本星夺旗争先已达上限）',
    fate: 'approved',
  },
  {
    unit: 'LX-CZ',
    star: 'ZB',
    month: '2023-12',
    points: 2,
    title: '流动红旗',
    reason: '12月份“支部过硬”流动红旗，党员积分管理全街道第一',
    fate: 'pending',
    byStreet: true,
  },
];

/** A China instant at the end of a month's last week, as the demo's clock for a decision in that month. */
const inMonth = (month: string, day: string, hour = '02') => `${month}-${day}T${hour}:00:00.000Z`;

async function streetActor(ctx: ServiceContext): Promise<Actor | null> {
  const user = await ctx.repos.users.findByUsername('street');
  const scope = user?.scope_unit_id ? await ctx.repos.units.findById(user.scope_unit_id) : undefined;
  if (!user || !scope) return null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: 'street_admin',
    scopeUnitId: scope.id,
    scopePath: scope.path,
    assignedPaths: [],
    sessionId: 'demo',
  };
}

export async function seedDemoRatings(ctx: ServiceContext): Promise<void> {
  const campaign = await ctx.repos.campaigns.findByCode(DEMO_CAMPAIGN.code);
  if (!campaign) return;
  if (await ctx.repos.flagAwards.findByIdempotencyKey('demo-flag-01')) return;
  const street = await streetActor(ctx);
  let n = 0;
  for (const f of FLAGS) {
    n += 1;
    const proposer = f.byStreet && street ? street : ctx.actor;
    const { item } = await proposeFlag(
      { ...ctx, actor: proposer, now: inMonth(f.month, '20') },
      DEMO_CAMPAIGN.code,
      FlagCreateBody.parse({
        idempotencyKey: `demo-flag-${String(n).padStart(2, '0')}`,
        unitCode: f.unit,
        star: f.star,
        month: f.month,
        points: f.points,
        title: f.title,
        reason: f.reason,
      }),
    );
    const decided = { ...ctx, now: inMonth(f.month, '26', '06') };
    if (f.fate === 'approved') await approveFlag(decided, DEMO_CAMPAIGN.code, item.row.id, {});
    if (f.fate === 'rejected')
      await rejectFlag(decided, DEMO_CAMPAIGN.code, item.row.id, { note: f.note ?? '不符合评选条件' });
    await ctx.repos.flagAwards.markDemo(item.row.id);
  }
  const { item: veto } = await recordVeto(
    { ...ctx, now: '2023-11-15T03:00:00.000Z' },
    DEMO_CAMPAIGN.code,
    VetoCreateBody.parse({
      idempotencyKey: 'demo-veto-01',
      unitCode: 'GZ-YW',
      star: 'PA',
      reason: '发生违规违纪问题',
      evidence: '村委会成员违规操作低保评定，受到党内警告处分（区纪委通报〔2023〕12号）',
    }),
  );
  await ctx.repos.vetoes.markDemo(veto.row.id);
}
