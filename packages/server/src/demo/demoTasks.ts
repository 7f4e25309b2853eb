import { monthKey, seededRandom } from '@wuxing/core';
import { newId } from '../lib/ids';
import type { Actor } from '../policies/actor';
import type { TaskReviewRow, TaskRow, TaskSubmissionRow } from '../repositories/task.repository';
import { recordAudit } from '../services/audit.service';
import type { AssessedUnit } from '../services/campaignLoader';
import type { ServiceContext } from '../services/context';
import { monthEnd, taskFingerprint } from '../services/task.service';
import { planTaskLedger, writeTaskLedger } from '../services/taskLedger';
import { loadTaskCampaign, type TaskCampaign } from '../services/taskLoader';
import { reviewFingerprint, submissionFingerprint } from '../services/taskSubmission.service';
import { DEMO_CAMPAIGN, type DemoPlannedScore } from './demoCampaign';

/**
 * The demo year's 日常任务: every month 支部过硬星 gets two tasks of 5 (主题党日 and 三会一课/组织生活), every other
 * star one task of 10 with the month's work (产业项目推进, 人居环境整治, 矛盾纠纷排查化解, 新时代文明实践 …), and May
 * one 产业路 milestone for a few villages. Every addressed unit submits in the month and 区委组织部 reviews, the
 * awards splitting each unit's planned item points exactly (partial and zero reviews with a reviewer's reason,
 * some late submissions under the late rule, a few returned and resubmitted). The ledger entries are written by
 * the same recompute the app uses. December departs from the plan so every state shows: some units wait for
 * review, 何庄村 has one returned, two never submitted (overdue) — all units without a star either way.
 */

const REVIEWER = '区委组织部';
const REVIEWER_ACTOR: Actor = {
  userId: 'system',
  username: 'system',
  displayName: REVIEWER,
  role: 'district_admin',
  scopeUnitId: null,
  scopePath: '/',
  assignedPaths: [],
  sessionId: 'system',
};

type Kind = 'zbDay' | 'zbMeeting' | 'cy' | 'road' | 'st' | 'pa' | 'wm';

interface TaskDef {
  kind: Kind;
  star: string;
  title: string;
  points: number;
  lateRule: 'accept' | 'deduct' | 'zero';
  /** Chosen units (the milestone): codes; else every unit targeting the star. */
  chosen?: (units: AssessedUnit[]) => AssessedUnit[];
}

const ZB_DAY = [
  '1月主题党日：学习党的二十大报告',
  '2月主题党日：重温入党誓词',
  '3月主题党日：学雷锋志愿服务',
  '4月主题党日：清明祭英烈',
  '5月主题党日：“五星”支部创建推进',
  '6月主题党日：党史学习与“七一”准备',
  '7月主题党日：庆祝建党102周年',
  '8月主题党日：防汛救灾党员先锋行',
  '9月主题党日：学习《习近平著作选读》',
  '10月主题党日：国庆主题教育',
  '11月主题党日：主题教育成果交流',
  '12月主题党日：年度党员民主评议准备',
];
const ZB_MEETING = [
  '1月三会一课：支委会、党员大会',
  '2月三会一课及党员冬训',
  '3月三会一课：书记讲党课',
  '4月三会一课落实情况',
  '5月组织生活：党员积分管理',
  '6月三会一课：发展党员工作',
  '7月三会一课：“七一”专题党课',
  '8月三会一课落实情况',
  '9月组织生活：谈心谈话',
  '10月三会一课：党费收缴公示',
  '11月三会一课落实情况',
  '12月组织生活会',
];
const CY = [
  '制定年度产业发展计划',
  '春耕生产与农资保障',
  '产业项目推进：村集体经济项目开工',
  '产业项目推进：特色种植基地建设',
  '产业项目推进：农产品电商销售',
  '村集体经济收入台账',
  '产业项目推进：合作社规范提升',
  '农民技能培训',
  '秋收秋种与产业项目推进',
  '产业项目推进：招商引资对接',
  '村集体经济年度目标完成情况',
  '产业发展年度总结',
];
const ST = [
  '人居环境整治：冬季村庄清洁行动',
  '人居环境整治：春节前环境卫生大扫除',
  '植树造林与村庄绿化',
  '人居环境整治：背街小巷环境提升',
  '农村改厕与生活污水治理',
  '人居环境整治：坑塘沟渠清理',
  '汛期环境卫生与河道保洁',
  '人居环境整治：“五美庭院”创建',
  '秸秆禁烧与综合利用',
  '人居环境整治：村庄绿化养护',
  '冬季清洁取暖排查',
  '人居环境整治年度验收准备',
];
const PA = [
  '矛盾纠纷排查化解',
  '春节期间安全隐患排查',
  '矛盾纠纷排查化解：“枫桥经验”调解',
  '全民国家安全教育日宣传',
  '防范电信网络诈骗宣传',
  '安全生产月隐患排查',
  '防汛应急演练',
  '矛盾纠纷排查化解',
  '民族宗教政策法规宣传',
  '消防安全排查与演练',
  '“12·4”国家宪法日普法宣传',
  '矛盾纠纷排查化解年度台账',
];
const WM = [
  '新时代文明实践：春节送温暖',
  '移风易俗：红白理事会规范运行',
  '新时代文明实践：学雷锋志愿服务',
  '新时代文明实践：“我们的节日·清明”',
  '“五美庭院”评选推荐',
  '新时代文明实践：端午文化活动',
  '关爱留守儿童和空巢老人',
  '新时代文明实践：文化广场活动',
  '“好媳妇”“好婆婆”评选',
  '新时代文明实践：重阳敬老',
  '村规民约修订与宣传',
  '文明家庭评选与年度总结',
];

const DESCRIPTION: Record<Kind, string> = {
  zbDay:
    '各村（社区）党支部按月开展主题党日活动：集中学习、重温入党誓词、开展志愿服务。提交活动方案、签到表、学习记录和活动照片。',
  zbMeeting:
    '按规定召开支部委员会、党员大会，上好党课，按时开展组织生活。提交会议记录（议题、表决情况）、党课讲稿和签到表。',
  cy: '围绕当月产业发展任务推进落实，提交项目进度、投资凭证或台账、现场照片，说明存在问题和下步打算。',
  road: '产业路建设项目按计划完成总工程量的60%（道路加宽、路面硬化、排水改造）。提交施工进度说明、监理签字的进度表和现场照片。',
  st: '按照人居环境整治要求完成当月任务：清理积存垃圾、整治乱堆乱放、保持坑塘沟渠清洁。提交整治台账和整治前后对比照片。',
  pa: '按要求开展排查、宣传或演练：建立排查台账，做好化解和宣传记录。提交台账、宣传照片（横幅、展板、宣传单发放情况）和参与人数。',
  wm: '组织开展新时代文明实践活动，弘扬文明新风。提交活动方案、参与人数、活动照片和群众反映。',
};

/** What the unit writes when it submits. */
function submissionText(
  kind: Kind,
  unit: AssessedUnit,
  title: string,
  day: number,
  month: number,
  r: () => number,
) {
  const n = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const who = unit.type === 'community' ? '社区' : '村';
  const topic = title.replace(/^\d+月/, '').replace(/^[^：]*：/, '');
  switch (kind) {
    case 'zbDay':
      return `${month}月${day}日，${unit.name}党支部开展主题党日活动（${topic}），应到党员${n(24, 40)}人，实到${n(20, 24)}人。集中学习后开展志愿服务，已上传签到表和活动照片。`;
    case 'zbMeeting':
      return `本月召开支委会${n(2, 3)}次、党员大会1次，支部书记讲党课1次，议题和表决情况见会议记录。未参会党员${n(0, 3)}人已补学。`;
    case 'cy':
      return `${topic}：本月完成投资${n(8, 60)}万元，带动${who}民${n(15, 80)}人务工增收，进度见台账和现场照片。`;
    case 'road':
      return `产业路改造工程截至${month}月${day}日已完成总工程量的${n(60, 66)}%，道路加宽和排水改造完成，路面硬化正在施工，预计按期完工。`;
    case 'st':
      return `${topic}：出动党员群众${n(30, 120)}人次，清理垃圾${n(5, 40)}吨，整治乱堆乱放${n(10, 50)}处，附整治前后对比照片。`;
    case 'pa':
      return `${topic}：排查矛盾纠纷和隐患${n(3, 15)}起，已化解或整改${n(3, 12)}起；悬挂横幅${n(2, 6)}条，发放宣传单${n(200, 800)}份，接受咨询${n(20, 90)}人次。`;
    case 'wm':
      return `${topic}：活动参与群众${n(60, 300)}人次，志愿者${n(10, 40)}人，附活动照片和群众反映记录。`;
  }
}

const PARTIAL: Record<Kind, string[]> = {
  zbDay: [
    '活动记录不完整，缺少参会党员签到表',
    '学习内容与当月主题不符，未体现学习研讨',
    '活动照片与记录时间不一致',
  ],
  zbMeeting: ['支委会记录缺少议题和表决情况', '党课讲稿未上传', '党员大会参会人数不足，未见补学记录'],
  cy: ['项目推进慢于计划进度，未附投资凭证', '台账数据与现场不符，请核实', '带动增收情况缺少佐证材料'],
  road: ['完成工程量与监理进度表不一致', '缺少监理签字的进度表'],
  st: ['村内仍有积存垃圾点，整治不彻底', '整治前后对比照片不全', '坑塘沟渠仍有漂浮物'],
  pa: ['矛盾纠纷排查台账未按户建立', '化解情况缺少当事人签字', '宣传覆盖面不足，缺少参与人数记录'],
  wm: ['活动参与人数少，缺少活动照片', '活动方案与实际开展情况不一致', '群众反映记录缺失'],
};
const ZERO: Record<Kind, string> = {
  zbDay: '未按要求开展主题党日活动，提交材料不能证明活动开展',
  zbMeeting: '本月未召开支委会，三会一课未落实',
  cy: '当月产业任务未推进，无进度材料',
  road: '工程未达到60%节点，现场核实进度不足四成',
  st: '现场核查整治任务未完成，垃圾积存问题突出',
  pa: '未开展排查，无台账',
  wm: '未组织开展活动，材料为往期活动照片',
};
const RETURN: Record<Kind, string> = {
  zbDay: '请补充活动签到表和学习记录后重新提交',
  zbMeeting: '请补充本月支部委员会会议记录和签到表后重新提交',
  cy: '请补充项目投资凭证和现场照片后重新提交',
  road: '请补充监理签字的进度表后重新提交',
  st: '请补充整治前后对比照片后重新提交',
  pa: '请补充排查台账后重新提交',
  wm: '请补充活动照片和参与人数后重新提交',
};

/** The tasks of one month, in the order they are numbered. */
function monthTasks(m: number): TaskDef[] {
  const i = m - 1;
  const defs: TaskDef[] = [
    { kind: 'zbDay', star: 'ZB', title: ZB_DAY[i] ?? '', points: 5, lateRule: 'deduct' },
    { kind: 'zbMeeting', star: 'ZB', title: ZB_MEETING[i] ?? '', points: 5, lateRule: 'deduct' },
    { kind: 'cy', star: 'CY', title: CY[i] ?? '', points: 10, lateRule: 'accept' },
  ];
  if (m === 5)
    defs.push({
      kind: 'road',
      star: 'CY',
      title: '重点项目节点：产业路改造完成总工程量60%',
      points: 10,
      lateRule: 'deduct',
      // The villages of 人民路街道 and 龙兴街道 building an industrial road this year.
      chosen: (units) => units.filter((u) => /^(RML|LX)-/.test(u.code)).slice(0, 3),
    });
  defs.push(
    { kind: 'st', star: 'ST', title: ST[i] ?? '', points: 10, lateRule: 'deduct' },
    { kind: 'pa', star: 'PA', title: PA[i] ?? '', points: 10, lateRule: 'zero' },
    { kind: 'wm', star: 'WM', title: WM[i] ?? '', points: 10, lateRule: 'deduct' },
  );
  return defs;
}

/** December as it stands: who departs from the plan, on which star's (last) task. */
const DECEMBER: { unit: string; star: string; state: 'submitted' | 'returned' | 'overdue' }[] = [
  { unit: 'RML-HZ', star: 'ZB', state: 'returned' },
  { unit: 'LH-YD', star: 'ST', state: 'submitted' },
  { unit: 'RML-SD', star: 'WM', state: 'submitted' },
  { unit: 'GZ-GZ', star: 'PA', state: 'submitted' },
  { unit: 'LX-DY', star: 'WM', state: 'overdue' },
  { unit: 'LH-LS', star: 'ST', state: 'overdue' },
];

const at = (month: string, day: number, hourUtc: number) =>
  `${month}-${String(day).padStart(2, '0')}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`;

/**
 * Splits a unit's planned item points over the month's tasks so that taskItemPoints gives them back exactly:
 * Σ effective = planned · Σ points / x(i), whole points on each task — shared as evenly as the tasks allow, or
 * now and then (a weak month) all on one task and nothing on the other.
 */
function split(planned: number, itemMax: number, tasks: TaskRow[], r: () => number): number[] {
  let left = (planned * tasks.reduce((s, t) => s + t.points, 0)) / itemMax;
  const order = tasks.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const out = tasks.map(() => 0);
  const lumped = tasks.length > 1 && left <= Math.min(...tasks.map((t) => t.points)) && r() < 0.3;
  order.forEach((i, k) => {
    const rest = order.slice(k + 1).reduce((s, j) => s + (tasks[j]?.points ?? 0), 0);
    const even = Math.ceil(left / (order.length - k));
    const share =
      k === order.length - 1
        ? left
        : lumped
          ? k === 0
            ? left
            : 0
          : Math.min(tasks[i]?.points ?? 0, Math.max(left - rest, even));
    out[i] = share;
    left -= share;
  });
  return out;
}

/**
 * Seeds the year's tasks, submissions and reviews so that every unit's 日常任务 items come out as planned (but
 * December's departures), then writes the ledger with the app's recompute.
 */
export async function seedDemoTasks(
  ctx: ServiceContext,
  campaignId: string,
  rc: DemoPlannedScore[],
): Promise<void> {
  const campaign = (await ctx.repos.campaigns.list()).find((c) => c.id === campaignId);
  if (!campaign) throw new Error('demo campaign missing');
  const tc: TaskCampaign = await loadTaskCampaign(ctx.repos, campaign);
  const random = seededRandom(20230201);
  const itemById = new Map([...tc.items.values()].map((i) => [i.id, i]));
  const planned = new Map<string, number>();
  for (const p of rc) {
    const item = itemById.get(p.itemId);
    if (item) planned.set(`${p.unitId}\u0000${item.star}\u0000${item.month}`, p.points[0] ?? 0);
  }

  const tasks: TaskRow[] = [];
  const taskUnits: { task_id: string; unit_id: string }[] = [];
  const submissions: TaskSubmissionRow[] = [];
  const reviews: TaskReviewRow[] = [];
  const key = (what: string) =>
    `seed:${DEMO_CAMPAIGN.code}:${what}:${tasks.length}:${submissions.length}:${reviews.length}`;
  let number = 0;

  for (let m = 1; m <= 12; m++) {
    const month = monthKey(DEMO_CAMPAIGN.year, m);
    const next = monthKey(m === 12 ? DEMO_CAMPAIGN.year + 1 : DEMO_CAMPAIGN.year, m === 12 ? 1 : m + 1);
    const prev = monthKey(m === 1 ? DEMO_CAMPAIGN.year - 1 : DEMO_CAMPAIGN.year, m === 1 ? 12 : m - 1);
    const issued = at(prev, 26, 1);
    const monthly: { def: TaskDef; row: TaskRow; units: AssessedUnit[] }[] = [];
    for (const def of monthTasks(m)) {
      const targeting = tc.units.filter((u) => u.targets.includes(def.star));
      const units = def.chosen ? def.chosen(targeting) : targeting;
      const fields = {
        title: def.title,
        description: DESCRIPTION[def.kind],
        star: def.star,
        month,
        deadline: monthEnd(month),
        points: def.points,
        late_rule: def.lateRule,
        late_deduct: def.lateRule === 'deduct' ? 50 : 0,
        remind_days: 3,
        audience: def.chosen ? 'chosen' : 'all',
        unitIds: def.chosen ? units.map((u) => u.id) : [],
      };
      const { unitIds, ...columns } = fields;
      number += 1;
      const row: TaskRow = {
        id: newId(),
        campaign_id: campaignId,
        number: `RW-${DEMO_CAMPAIGN.year}-${String(number).padStart(3, '0')}`,
        ...columns,
        status: 'active',
        cancel_reason: null,
        version: 1,
        demo: 1,
        idempotency_key: `seed:${DEMO_CAMPAIGN.code}:task:${number}`,
        fingerprint: taskFingerprint(campaignId, fields),
        created_by: null,
        created_by_name: REVIEWER,
        created_at: issued,
        updated_at: issued,
      };
      tasks.push(row);
      for (const unit_id of unitIds) taskUnits.push({ task_id: row.id, unit_id });
      monthly.push({ def, row, units });
    }

    for (const unit of tc.units) {
      for (const star of unit.targets) {
        const mine = monthly.filter((t) => t.def.star === star && t.units.some((u) => u.id === unit.id));
        const value = planned.get(`${unit.id}\u0000${star}\u0000${month}`);
        if (mine.length === 0 || value === undefined) continue;
        const item = tc.items.get(`${star}\u0000${month}`);
        if (!item) continue;
        const shares = split(
          value,
          Number(item.max),
          mine.map((t) => t.row),
          random,
        );
        const departure =
          m === 12 ? DECEMBER.find((d) => d.unit === unit.code && d.star === star) : undefined;
        mine.forEach(({ def, row }, i) => {
          const share = shares[i] ?? 0;
          const last = i === mine.length - 1;
          const state = departure && last ? departure.state : 'scored';
          if (state === 'overdue') return;
          // Late under `deduct` (half off) only where twice the share is still within the task; under accept at will.
          const late =
            m < 12 &&
            state === 'scored' &&
            ((def.lateRule === 'deduct' && share > 0 && share * 2 <= row.points && random() < 0.12) ||
              (def.lateRule === 'accept' && random() < 0.08));
          const awarded = late && def.lateRule === 'deduct' ? share * 2 : share;
          const redo = state === 'scored' && !late && random() < 0.05;
          const day = late ? 2 : 5 + Math.floor(random() * (redo ? 14 : 22));
          // Submitted in the month (after the deadline when late), reviewed a day or two later; a redo is
          // returned first and submitted again the day after the return.
          let submittedAt = at(late ? next : month, day, 2);
          for (let version = 1; version <= (redo ? 2 : 1); version++) {
            const shown = new Date(Date.parse(submittedAt) + 8 * 3_600_000);
            const sub: TaskSubmissionRow = {
              id: newId(),
              task_id: row.id,
              unit_id: unit.id,
              version,
              text: submissionText(
                def.kind,
                unit,
                def.title,
                shown.getUTCDate(),
                shown.getUTCMonth() + 1,
                random,
              ),
              submitted_by: null,
              submitted_by_name: `${unit.name}党支部`,
              submitted_at: submittedAt,
              idempotency_key: key('sub'),
              fingerprint: '',
            };
            sub.fingerprint = submissionFingerprint(row.id, unit.id, sub.text, [], []);
            submissions.push(sub);
            if (state === 'submitted') return;
            const returned = state === 'returned' || (redo && version === 1);
            const outcome = returned
              ? 'returned'
              : awarded === row.points
                ? 'full'
                : awarded === 0
                  ? 'zero'
                  : 'partial';
            const reasons = PARTIAL[def.kind];
            const reason =
              outcome === 'returned'
                ? RETURN[def.kind]
                : outcome === 'zero'
                  ? ZERO[def.kind]
                  : outcome === 'partial'
                    ? (reasons[Math.floor(random() * reasons.length)] ?? null)
                    : null;
            const days = late ? 1 : 1 + Math.floor(random() * 2);
            const reviewedAt = new Date(
              Date.parse(submittedAt) + days * 86_400_000 + 6 * 3_600_000,
            ).toISOString();
            const review: TaskReviewRow = {
              id: newId(),
              task_id: row.id,
              unit_id: unit.id,
              submission_id: sub.id,
              version,
              outcome,
              awarded: outcome === 'returned' ? null : awarded,
              reason,
              correction_reason: null,
              reviewer_id: null,
              reviewer_name: REVIEWER,
              reviewed_at: reviewedAt,
              idempotency_key: key('review'),
              fingerprint: '',
            };
            review.fingerprint = reviewFingerprint(row.id, unit.id, sub.id, {
              outcome,
              awarded: review.awarded,
              reason,
              correctionReason: null,
            });
            reviews.push(review);
            submittedAt = new Date(Date.parse(reviewedAt) + 86_400_000).toISOString();
          }
        });
      }
    }
  }

  await ctx.repos.tasks.insertMany(tasks);
  await ctx.repos.tasks.insertUnits(taskUnits);
  await ctx.repos.tasks.insertSubmissions(submissions);
  await ctx.repos.tasks.insertReviews(reviews);

  // The ledger by the app's own recompute, each month's entries as of its last review.
  const monthOf = new Map(tasks.map((t) => [t.id, t.month]));
  const lastReview = new Map<string, string>();
  for (const r of reviews) {
    const month = monthOf.get(r.task_id) ?? '';
    if (r.reviewed_at > (lastReview.get(month) ?? '')) lastReview.set(month, r.reviewed_at);
  }
  let entries = 0;
  const unitIds = tc.units.map((u) => u.id);
  for (let m = 1; m <= 12; m++) {
    const month = monthKey(DEMO_CAMPAIGN.year, m);
    const closing: ServiceContext = { ...ctx, actor: REVIEWER_ACTOR, now: lastReview.get(month) ?? ctx.now };
    for (const star of tc.stars) {
      const changes = await planTaskLedger(ctx.repos, tc, star.code, month, unitIds);
      entries += (await writeTaskLedger(closing, changes, null)).length;
    }
  }
  await recordAudit(ctx, {
    action: 'task.seed',
    entity: 'campaign',
    entityId: campaignId,
    before: null,
    after: {
      code: DEMO_CAMPAIGN.code,
      tasks: tasks.length,
      submissions: submissions.length,
      reviews: reviews.length,
      ledger: entries,
    },
  });
}
