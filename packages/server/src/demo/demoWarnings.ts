import { WarningEvaluateBody, WarningMeasureBody, WarningTalkBody } from '../contracts/warnings';
import type { Actor } from '../policies/actor';
import type { ServiceContext } from '../services/context';
import { addMeasure, commitWarnings, recordTalk } from '../services/warning.service';
import { DEMO_CAMPAIGN } from './demoCampaign';

/**
 * 预警 of the demo year: the district evaluates each 2023 quarter a few days after it ends (SCORING.md's default
 * rules over the demo's rankings and problems), so the weak villages are warned and a later quarter lifts what
 * it clears. Talks (谈话提醒) are recorded on the warnings by their street (龙兴街道's own admin for its
 * villages) or by 区委组织部, mostly in time, one late; the latest quarter keeps one talk overdue so the list
 * shows it. Help measures (帮扶措施) on the red ones. Deterministic; skipped when already seeded.
 */

/** The demo clock of each quarter's evaluation (China morning, a few days after the quarter). */
const EVALUATED: Record<string, string> = {
  '2023-Q1': '2023-04-06T01:30:00.000Z',
  '2023-Q2': '2023-07-06T01:30:00.000Z',
  '2023-Q3': '2023-10-09T01:30:00.000Z',
  '2023-Q4': '2024-01-05T01:30:00.000Z',
};

async function streetAdmin(ctx: ServiceContext): Promise<Actor | null> {
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

async function districtAdmin(ctx: ServiceContext): Promise<Actor | null> {
  const user = await ctx.repos.users.findByUsername('admin');
  if (!user) return ctx.actor;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: 'district_admin',
    scopeUnitId: user.scope_unit_id,
    scopePath: '/',
    assignedPaths: [],
    sessionId: 'demo',
  };
}

function addDaysIso(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * 86_400_000).toISOString();
}

export async function seedDemoWarnings(ctx: ServiceContext): Promise<void> {
  const campaign = await ctx.repos.campaigns.findByCode(DEMO_CAMPAIGN.code);
  if (!campaign) return;
  if (await ctx.repos.warnings.findEvaluationByKey('demo-warning-eval-2023-Q1')) return;
  const admin = await districtAdmin(ctx);
  if (!admin) return;
  const street = await streetAdmin(ctx);
  const quarters = Object.keys(EVALUATED);
  for (const period of quarters) {
    const now = EVALUATED[period] as string;
    await commitWarnings(
      { ...ctx, actor: admin, now },
      DEMO_CAMPAIGN.code,
      WarningEvaluateBody.parse({ idempotencyKey: `demo-warning-eval-${period}`, period }),
    );
    const raised = await ctx.repos.warnings.list(campaign.id, { kind: 'all' }, { period });
    let n = 0;
    for (const w of raised) {
      n += 1;
      // The last quarter's last warning is left without a talk: overdue in the list.
      if (period === quarters[quarters.length - 1] && n === raised.length) continue;
      const byStreet = street !== null && w.unit_path.startsWith(street.scopePath ?? '\u0000');
      const late = period === '2023-Q2' && n === 1;
      const at = addDaysIso(now, late ? 13 : 3 + (n % 5));
      const talkedOn = new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10);
      const actor = byStreet && street ? street : admin;
      const talker = byStreet ? `${w.street_name ?? ''}党工委书记 王立新` : '区委组织部副部长 陈志强';
      const talkee = `${w.unit_name}党支部书记`;
      await recordTalk(
        { ...ctx, actor, now: at },
        DEMO_CAMPAIGN.code,
        w.id,
        WarningTalkBody.parse({
          idempotencyKey: `demo-warning-talk-${period}-${w.unit_code}`,
          talkedOn,
          talker,
          talkee,
          agreed:
            w.level === 'red'
              ? '指出计划完成率偏低的问题；约定一个月内补齐未完成的日常任务和整改台账，每周向街道报送进度，下季度完成率达到60%以上。'
              : '通报本季度排名靠后的原因；约定对照失分指标逐项整改，逾期问题本月内销号，街道包村干部跟进督促。',
          followUpOn: new Date(Date.parse(at) + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10),
        }),
      );
      if (w.level === 'red')
        await addMeasure(
          { ...ctx, actor, now: addDaysIso(at, 1) },
          DEMO_CAMPAIGN.code,
          w.id,
          WarningMeasureBody.parse({
            idempotencyKey: `demo-warning-measure-${period}-${w.unit_code}`,
            text: '街道选派包村干部驻村帮扶，每周两天指导“三会一课”台账和产业项目推进；区委组织部结对党支部书记每月到村一次。',
          }),
        );
    }
  }
  await ctx.repos.warnings.markDemo(campaign.id);
}
