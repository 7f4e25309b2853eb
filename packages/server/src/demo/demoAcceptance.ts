import { seededRandom } from '@wuxing/core';
import type { Actor } from '../policies/actor';
import type { ServiceContext } from '../services/context';
import { getSheet, submitSheet } from '../services/inspection.service';
import { closeRound, createRound } from '../services/round.service';
import { createDefaultTemplate } from '../services/sheetTemplate.service';
import { DEMO_CAMPAIGN, type DemoPlannedScore } from './demoCampaign';
import { DEMO_ACCEPTANCE_TEAM, DEMO_DISTRICT } from './district';

/** The demo year's acceptance round (年度验收): number, name and dates. */
export const DEMO_ACCEPTANCE_ROUND = {
  number: 'YS-2023',
  name: '2023年度五星支部创建验收',
  startsOn: '2023-12-18',
  endsOn: '2023-12-29',
} as const;

/** What an acceptance scorer wrote next to a line they took 6 points or more off (ND-SHEET line codes). */
const SHORTFALL: Record<string, string> = {
  'ZB-01': '创建措施台账缺少下半年佐证材料',
  'ZB-02': '后备干部培养计划未落实到人',
  'ZB-03': '组织生活会记录不完整，发展党员档案缺少公示材料',
  'ZB-04': '座谈中部分群众对“三务”公开不了解',
  'CY-01': '年度增收项目未全部完成',
  'CY-02': '集体经济收入未达年度目标',
  'CY-03': '产业项目已建成，尚未见到效益',
  'CY-04': '带动增收的利益联结机制不明确',
  'ST-01': '部分整治任务未按期完成',
  'ST-02': '村西坑塘周边有垃圾堆放',
  'ST-03': '部分路灯损坏未修复',
  'ST-04': '“五美庭院”创建户占比未达目标',
  'PA-01': '平安建设任务佐证材料不全',
  'PA-02': '矛盾纠纷调处台账记录不全',
  'PA-03': '部分视频监控点位离线',
  'PA-04': '“法律明白人”作用发挥不明显',
  'WM-01': '文明实践任务有未完成项',
  'WM-02': '文明实践站全年活动次数不足',
  'WM-03': '红白理事会章程未落实',
  'WM-04': '座谈中群众对文体活动满意度不高',
};

/** An instant on a China date at a China hour (may be fractional). */
const instant = (date: string, hour: number) =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + (hour - 8) * 3_600_000).toISOString();

/** The working days (Monday–Friday) from `from` to `to`, both included. */
function workingDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00.000Z`); t <= Date.parse(`${to}T00:00:00.000Z`); t += 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Whole points per line adding up to exactly `total`: every line starts full and the shortfall is taken off
 * one point at a time, from lines picked at random (weighted, so some lines lose more than others).
 */
export function splitTotal(total: number, maxes: number[], random: () => number): number[] {
  const sumMax = maxes.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(total) || total < 0 || total > sumMax || !maxes.every(Number.isInteger))
    throw new Error(`验收示例数据：无法把 ${total} 分拆成满分为 ${maxes.join('/')} 的整数分`);
  const weights = maxes.map(() => 0.25 + random());
  const points = [...maxes];
  for (let shortfall = sumMax - total; shortfall > 0; shortfall--) {
    const open = points.map((p, i) => (p > 0 ? (weights[i] ?? 0) : 0));
    let pick = random() * open.reduce((a, b) => a + b, 0);
    // The last line with room takes what rounding leaves over.
    let i = open.length - 1;
    while (i > 0 && open[i] === 0) i--;
    for (let k = 0; k < open.length; k++) {
      pick -= open[k] ?? 0;
      if ((open[k] ?? 0) > 0 && pick < 0) {
        i = k;
        break;
      }
    }
    points[i] = (points[i] ?? 0) - 1;
  }
  return points;
}

/** A demo acceptance-team member as the actor of their own sheets. */
async function actorOf(ctx: ServiceContext, username: string): Promise<Actor> {
  const user = await ctx.repos.users.findByUsername(username);
  if (!user) throw new Error(`验收示例数据：缺少用户 ${username}`);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: 'inspector',
    scopeUnitId: null,
    scopePath: null,
    assignedPaths: [],
    sessionId: 'seed',
  };
}

/**
 * The demo year's 年度考核 as the district runs it: the default acceptance sheet ND-SHEET, the round YS-2023
 * 2023年度五星支部创建验收 (trimmed) with the five-member acceptance team assigned to every assessed unit, each
 * member's sheet submitted through the same use case as the phone page — the team visits two villages a
 * working day from 18 to 29 December — and the round closed at the end of December. Every sheet's lines
 * split the planned ND value so the star total, hence the ND item entry (core's sheetItemPoints on a 100-point
 * sheet and a 100-point item), is exactly the planned value: the ND items, and the 2023 ratings, are those
 * of the plan.
 */
export async function seedDemoAcceptance(
  ctx: ServiceContext,
  campaignId: string,
  nd: DemoPlannedScore[],
): Promise<void> {
  const at = (now: string): ServiceContext => ({ ...ctx, now });
  const template = await createDefaultTemplate(at('2023-12-01T02:00:00.000Z'), DEMO_CAMPAIGN.code, 'ND');
  await ctx.repos.sheetTemplates.update(template.template.id, { demo: 1 });
  const created = await createRound(at('2023-12-04T02:00:00.000Z'), {
    campaign: DEMO_CAMPAIGN.code,
    name: DEMO_ACCEPTANCE_ROUND.name,
    kind: 'acceptance',
    mode: 'regular',
    month: `${DEMO_CAMPAIGN.year}-12`,
    templateCode: template.template.code,
    scored: true,
    startsOn: DEMO_ACCEPTANCE_ROUND.startsOn,
    endsOn: DEMO_ACCEPTANCE_ROUND.endsOn,
    assignments: DEMO_ACCEPTANCE_TEAM.map((username) => ({ unitCode: DEMO_DISTRICT.code, username })),
  });
  const round = created.summary.round;
  if (round.campaign_id !== campaignId) throw new Error('验收示例数据：轮次不属于示例方案');
  await ctx.repos.rounds.update(round.id, { demo: 1 });

  const planned = new Map(nd.map((p) => [`${p.unitId}\u0000${p.itemId}`, p.points]));
  const used = new Set<string>();
  const team = await Promise.all(DEMO_ACCEPTANCE_TEAM.map((u) => actorOf(ctx, u)));
  const days = workingDays(DEMO_ACCEPTANCE_ROUND.startsOn, DEMO_ACCEPTANCE_ROUND.endsOn);
  const random = seededRandom(20231218);
  for (const [visit, { unit }] of created.units.entries()) {
    const day = days[Math.min(days.length - 1, Math.floor(visit / 2))] ?? DEMO_ACCEPTANCE_ROUND.startsOn;
    const visitedAt = instant(day, visit % 2 === 0 ? 9 : 14.5);
    for (const [j, actor] of team.entries()) {
      // Each member hands in their sheet within the hour or two after the visit.
      const submittedAt = new Date(
        Date.parse(visitedAt) + (50 + j * 7 + random() * 40) * 60_000,
      ).toISOString();
      const as: ServiceContext = { ...ctx, actor, now: submittedAt };
      const sheet = await getSheet(as, round.id, unit.code);
      const lines = sheet.stars.flatMap((s) => {
        if (!s.item) throw new Error(`验收示例数据：${unit.code} 的 ${s.star.code} 星没有年度考核指标`);
        const key = `${unit.unit_id}\u0000${s.item.id}`;
        const total = planned.get(key)?.[j];
        if (total === undefined) throw new Error(`验收示例数据：${unit.code} ${s.item.code} 没有计划分值`);
        used.add(key);
        const points = splitTotal(
          total,
          s.lines.map((l) => Number(l.max)),
          random,
        );
        // The line that lost most (6 points or more) gets the scorer's note of what was missing.
        const lost = s.lines.map((l, i) => Number(l.max) - (points[i] ?? 0));
        const worst = lost.indexOf(Math.max(...lost));
        return s.lines.map((l, i) => ({
          lineId: l.id,
          points: points[i] ?? 0,
          note: i === worst && (lost[i] ?? 0) >= 6 ? (SHORTFALL[l.code] ?? null) : null,
          photoKeys: [],
        }));
      });
      await submitSheet(as, {
        idempotencyKey: `seed:${round.number}:${unit.code}:${actor.username}`,
        roundId: round.id,
        unitCode: unit.code,
        baseVersion: 0,
        visitedAt,
        note: null,
        methods: ['documents', 'interviews', 'site'],
        lines,
      });
    }
  }
  const left = nd.filter((p) => !used.has(`${p.unitId}\u0000${p.itemId}`));
  if (left.length > 0) throw new Error(`验收示例数据：${left.length} 个计划的年度考核分值没有对应的评分表`);
  await closeRound(at('2023-12-29T09:30:00.000Z'), round.id);
}
