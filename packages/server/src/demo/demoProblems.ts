import { chinaDate, seededRandom } from '@wuxing/core';
import type { Insertable } from 'kysely';
import type { ProblemEventsTable, ProblemsTable } from '../db/schema';
import { newId } from '../lib/ids';
import { recordAudit } from '../services/audit.service';
import type { ServiceContext } from '../services/context';
import { raiseFingerprint, sourceOfRound } from '../services/problem.service';
import { DEMO_CAMPAIGN } from './demoCampaign';
import { DEMO_STREET_INSPECTORS } from './district';

/**
 * The demo problem ledger (问题台账): 80 problems found in the rounds DD-2023-10, DD-2023-11 and GM-2023-12,
 * 56 of them closed after a rectification and a look-back in October–December 2023, some rectified or under
 * look-back, some reopened by a failed look-back, several overdue, and a few raised in the last days in the
 * open round with deadlines still ahead. The weak villages have more; the demo village login's 何庄村 (RML-HZ)
 * has one of each kind it can act on: closed, overdue, and open with its deadline ahead. Problems are raised
 * (and looked back at) by the inspector of the unit's street. Deterministic, batch-inserted.
 */

const WEAK = new Set(['LX-DY', 'GZ-SM', 'LH-LS']);
/** The demo village login's unit (何庄村): one closed, one overdue and one in-time problem (see PLANS). */
const VILLAGE = 'RML-HZ';

const DESCRIPTIONS: Record<string, string[]> = {
  ZB: [
    '三会一课记录不全，10月份支委会无会议记录',
    '党员活动室制度未上墙',
    '主题党日活动记录缺少照片佐证',
    '党费收缴台账未按月登记',
    '发展党员档案材料不完整，缺少政审材料',
    '组织生活会会议记录过于简单，批评与自我批评内容缺失',
    '党员积分管理公示未及时更新',
    '“四议两公开”程序记录缺失',
  ],
  CY: [
    '村集体经济收支台账不规范',
    '合作社财务公开未按季度更新',
    '产业项目资料未归档',
    '土地流转合同备案不全',
    '特色产业发展规划未上墙',
    '农技培训记录缺失',
  ],
  ST: [
    '河道垃圾未及时清理',
    '村内主干道两侧杂物乱堆乱放',
    '公厕保洁不到位',
    '垃圾分类投放点标识缺失',
    '房前屋后柴草堆放杂乱',
    '坑塘水面有漂浮物未清理',
  ],
  PA: [
    '矛盾纠纷排查台账缺失',
    '网格员巡查记录不连续',
    '村委会消防器材过期未更换',
    '法治宣传栏内容陈旧',
    '重点人员走访记录不全',
    '夜间巡逻值班表未落实',
  ],
  WM: [
    '新时代文明实践站活动记录不全',
    '红白理事会章程未公示',
    '村规民约未上墙',
    '“好媳妇好婆婆”评选资料缺失',
    '志愿服务台账未及时更新',
    '道德讲堂开展次数不足',
  ],
};

const RECTIFY_NOTES: Record<string, string[]> = {
  ZB: ['已补齐会议记录并归档，支部书记签字确认', '制度牌已制作上墙，并拍照留存'],
  CY: ['已重新整理台账，由村务监督委员会审核', '已补齐项目资料并按年度归档'],
  ST: ['已组织保洁员集中清理，建立每周巡查机制', '已清理完毕，落实门前三包责任'],
  PA: ['已建立排查台账，逐户登记并每月更新', '已更换全部过期器材，建立检查记录'],
  WM: ['已补充活动记录和影像资料', '已重新制作并在村务公开栏公示'],
};

const FAIL_NOTES = ['回头看发现整改不彻底，相关记录仍不完整', '现场复查仍存在同类问题，请继续整改'];

const RESPONSIBLE_ROLE: Record<string, string> = {
  ZB: '村党支部书记',
  CY: '村委会主任',
  ST: '村环境卫生专干',
  PA: '村网格长',
  WM: '村妇联主席',
};
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];

type Fate = 'closed' | 'closedLate' | 'open' | 'failed' | 'submitted' | 'reviewing';

interface Plan {
  round: string;
  kind: 'supervision' | 'observation';
  /** Raised between these days of 2023 (`MM-DD`). */
  from: string;
  fates: [Fate, number][];
  /** Raised in the last days (relative to now) in the open round, deadlines ahead. */
  recent?: [Fate, number][];
  /** Problems at a given unit (counted in neither list above); `recent` as above. */
  pinned?: { unit: string; fate: Fate; recent?: boolean }[];
}

/** 30 + 30 + 20 problems (pinned ones included); 28 + 22 + 6 = 56 closed. */
const PLANS: Plan[] = [
  {
    round: 'DD-2023-10',
    kind: 'supervision',
    from: '10-10',
    fates: [
      ['closed', 23],
      ['closedLate', 4],
      ['open', 2],
    ],
    pinned: [{ unit: VILLAGE, fate: 'closed' }],
  },
  {
    round: 'DD-2023-11',
    kind: 'supervision',
    from: '11-08',
    fates: [
      ['closed', 19],
      ['closedLate', 3],
      ['open', 2],
      ['failed', 2],
      ['submitted', 2],
      ['reviewing', 1],
    ],
    // Its deadline passed in November 2023: overdue.
    pinned: [{ unit: VILLAGE, fate: 'open' }],
  },
  {
    round: 'GM-2023-12',
    kind: 'observation',
    from: '12-04',
    fates: [
      ['closed', 6],
      ['open', 3],
      ['failed', 1],
    ],
    recent: [
      ['submitted', 2],
      ['reviewing', 2],
      ['open', 5],
    ],
    // Raised days ago, deadline ahead: the village login can rectify it.
    pinned: [{ unit: VILLAGE, fate: 'open', recent: true }],
  },
];

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();
/** An instant on a China date at a China hour. */
const instant = (date: string, hour: number) =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + (hour - 8) * 3_600_000).toISOString();

/** Adds the demo problems to the demo campaign (after its rounds, when those exist). Runs once. */
export async function seedDemoProblems(ctx: ServiceContext): Promise<void> {
  const campaign = await ctx.repos.campaigns.findByCode(DEMO_CAMPAIGN.code);
  if (!campaign) return;
  if (await ctx.repos.problems.findByIdempotencyKey('demo-problem-0001')) return;
  const random = seededRandom(20231010);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  const units = await ctx.repos.campaigns.units(campaign.id);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const approved = await ctx.repos.targets.list(campaign.id, ['approved']);
  const targets = new Map<string, string[]>();
  for (const u of units) targets.set(u.unit_id, ['ZB']);
  for (const t of approved) if (t.star !== 'ZB') targets.get(t.unit_id)?.push(t.star);
  const rounds = new Map(
    (await ctx.repos.problems.roundsByNumber(PLANS.map((p) => p.round))).map((r) => [r.number, r]),
  );
  // Each street's demo inspector raises its problems (and looks back at them).
  const inspectors = new Map<string, { id: string; name: string }>();
  for (const [streetCode, username] of DEMO_STREET_INSPECTORS) {
    const user = await ctx.repos.users.findByUsername(username);
    if (user) inspectors.set(streetCode, { id: user.id, name: user.display_name });
  }
  const street = await ctx.repos.users.findByUsername('street');
  const village = await ctx.repos.users.findByUsername('village');
  const lxUnits = units.filter((u) => u.code.startsWith('LX-')).map((u) => u.code);
  // Weak villages are three to four times as likely to be picked; the demo village has just its pinned ones.
  const weighted = units
    .filter((u) => u.code !== VILLAGE)
    .flatMap((u) => (WEAK.has(u.code) ? [u.code, u.code, u.code, u.code] : [u.code]));
  const today = chinaDate(ctx.now);

  interface Draft {
    row: Omit<Insertable<ProblemsTable>, 'number' | 'idempotency_key' | 'fingerprint'>;
    events: Omit<Insertable<ProblemEventsTable>, 'idempotency_key' | 'problem_id'>[];
  }
  const drafts: Draft[] = [];

  for (const plan of PLANS) {
    const round = rounds.get(plan.round);
    const source = round ? sourceOfRound(round.kind, round.mode) : plan.kind;
    const add = (fate: Fate, recent: boolean, pinned?: string) => {
      const unitCode = pinned ?? (recent || plan.kind === 'observation' ? pick(lxUnits) : pick(weighted));
      const unit = byCode.get(unitCode);
      if (!unit) return;
      const star = pick(targets.get(unit.unit_id) ?? ['ZB']);
      const severity = random() < 0.6 ? 'minor' : random() < 0.75 ? 'major' : 'severe';
      const days = severity === 'minor' ? 15 : severity === 'major' ? 10 : 7;
      const raisedOn = recent
        ? chinaDate(addDays(ctx.now, -between(6, 10)))
        : chinaDate(addDays(`2023-${plan.from}T02:00:00.000Z`, between(0, 8)));
      const raisedAt = instant(raisedOn, between(9, 16));
      const deadline = recent
        ? chinaDate(addDays(`${today}T02:00:00.000Z`, between(5, 20)))
        : chinaDate(addDays(raisedAt, days));
      const lx = unitCode.startsWith('LX-');
      const raiser = inspectors.get(unitCode.split('-')[0] ?? '') ?? null;
      const raisedByName = raiser?.name ?? '区督导组';
      const reviewer =
        lx && street && random() < 0.4
          ? { id: street.id, name: street.display_name }
          : { id: raiser?.id ?? null, name: raisedByName };
      const rectifier =
        unitCode === village?.scope_unit_code && village
          ? { id: village.id, name: village.display_name }
          : { id: null, name: `${unit.name}党支部` };
      const events: Draft['events'] = [
        {
          id: newId(),
          action: 'raise',
          from_status: null,
          to_status: 'open',
          note: null,
          actor_id: raiser?.id ?? null,
          actor_name: raisedByName,
          at: raisedAt,
        },
      ];
      const step = (
        action: string,
        from: string,
        to: string,
        at: string,
        who: { id: string | null; name: string },
        note: string | null,
      ) =>
        events.push({
          id: newId(),
          action,
          from_status: from,
          to_status: to,
          note,
          actor_id: who.id,
          actor_name: who.name,
          at,
        });
      const note = pick(RECTIFY_NOTES[star] ?? RECTIFY_NOTES.ZB ?? ['已整改']);
      let status = 'open';
      let closedAt: string | null = null;
      if (fate !== 'open') {
        // On time: rectified within the deadline; late: a few days after it (a month-end may pass).
        const after = recent
          ? between(1, 3)
          : fate === 'closedLate'
            ? days + between(4, 9)
            : between(2, days - 2);
        const rectifyAt = addDays(raisedAt, after);
        step('rectify', 'open', 'submitted', rectifyAt, rectifier, note);
        status = 'submitted';
        if (fate !== 'submitted') {
          const reviewAt = addDays(rectifyAt, recent ? 1 : between(1, 3));
          step('startReview', 'submitted', 'reviewing', reviewAt, reviewer, null);
          status = 'reviewing';
          if (fate === 'closed' || fate === 'closedLate') {
            closedAt = addDays(reviewAt, 0.1);
            step('pass', 'reviewing', 'closed', closedAt, reviewer, '回头看通过，同意销号');
            status = 'closed';
          } else if (fate === 'failed') {
            step('fail', 'reviewing', 'open', addDays(reviewAt, 0.1), reviewer, pick(FAIL_NOTES));
            status = 'open';
          }
        }
      }
      drafts.push({
        row: {
          id: newId(),
          campaign_id: campaign.id,
          unit_id: unit.unit_id,
          star,
          line_id: null,
          item_label: null,
          round_id: round?.id ?? null,
          inspection_key: null,
          source,
          description: pick(DESCRIPTIONS[star] ?? DESCRIPTIONS.ZB ?? ['工作台账不完整']),
          severity,
          deadline,
          responsible: `${RESPONSIBLE_ROLE[star] ?? '村党支部书记'} ${pick(SURNAMES)}某`,
          status,
          version: events.length,
          raised_by: raiser?.id ?? null,
          raised_by_name: raisedByName,
          raised_at: raisedAt,
          closed_at: closedAt,
          closed_on: closedAt ? chinaDate(closedAt) : null,
          demo: 1,
        },
        events,
      });
    };
    for (const [fate, n] of plan.fates) for (let i = 0; i < n; i++) add(fate, false);
    for (const [fate, n] of plan.recent ?? []) for (let i = 0; i < n; i++) add(fate, true);
    for (const p of plan.pinned ?? []) add(p.fate, p.recent ?? false, p.unit);
  }

  drafts.sort((a, b) => (a.row.raised_at < b.row.raised_at ? -1 : a.row.raised_at > b.row.raised_at ? 1 : 0));
  const year = Number(campaign.year);
  const last = await ctx.repos.problems.lastNumber(`WT${year}-`);
  const first = last ? Number(last.slice(`WT${year}-`.length)) + 1 : 1;
  const problems: Insertable<ProblemsTable>[] = [];
  const events: Insertable<ProblemEventsTable>[] = [];
  drafts.forEach((d, i) => {
    const key = `demo-problem-${String(i + 1).padStart(4, '0')}`;
    problems.push({
      ...d.row,
      number: `WT${year}-${String(first + i).padStart(4, '0')}`,
      idempotency_key: key,
      fingerprint: raiseFingerprint({
        campaign_id: d.row.campaign_id,
        unit_id: d.row.unit_id,
        star: d.row.star,
        round_id: d.row.round_id ?? null,
        line_id: null,
        item_label: null,
        source: d.row.source,
        description: d.row.description,
        severity: d.row.severity,
        deadline: d.row.deadline,
        responsible: d.row.responsible ?? null,
        photoKeys: [],
      }),
    });
    d.events.forEach((e, k) => {
      events.push({ ...e, problem_id: d.row.id, idempotency_key: k === 0 ? `${key}:raise` : `${key}:${k}` });
    });
  });
  await ctx.repos.problems.insertMany(problems);
  await ctx.repos.problems.insertEvents(events);
  await recordAudit(ctx, {
    action: 'problem.seed',
    entity: 'campaign',
    entityId: campaign.id,
    before: null,
    after: {
      campaign: campaign.code,
      problems: problems.length,
      closed: problems.filter((p) => p.status === 'closed').length,
      rounds: PLANS.map((p) => p.round).filter((n) => rounds.has(n)),
    },
  });
}
