import { chinaDate, format2, monthEnd, type ProblemFact, problemFigures, round1, round2 } from '@wuxing/core';
import type { BulletinFigures, BulletinTable } from '../contracts/bulletin';
import type { Repos } from '../repositories';
import type {
  BulletinProblemRow,
  BulletinRoundRow,
  BulletinSheetRow,
  BulletinWarningRow,
} from '../repositories/bulletin.repository';
import type { CampaignRow } from '../repositories/campaign.repository';
import { computeRanking, type RankedRow } from './ranking.service';

/**
 * The monthly bulletin's figures and tables for month M, counted from the ledger as of M's last day (China
 * dates): rounds started in M and up to it, units with a sheet scored on site in M, problems raised and closed
 * in M and up to its end, problems overdue at its end (core's problemFigures with every closing after the
 * month's end undone), warnings raised in M and active at its end, and the month's ranking (ranking service,
 * whole campaign). No formula is re-derived here: the scores, ranks and changes are core's.
 */

/** The ledger rows a bulletin counts from, loaded once. */
export interface BulletinLedger {
  rounds: BulletinRoundRow[];
  sheets: BulletinSheetRow[];
  problems: BulletinProblemRow[];
  warnings: BulletinWarningRow[];
  /** The streets of the campaign's units (current parents), in campaign order. */
  streets: { id: string; name: string }[];
}

/** Loads what a bulletin of the campaign counts: rounds, sheets, problems, warnings and streets. */
export async function loadBulletinLedger(repos: Repos, campaign: CampaignRow): Promise<BulletinLedger> {
  const units = await repos.campaigns.units(campaign.id);
  const problems = await repos.bulletins.problems(campaign.id);
  const streetIds: string[] = [];
  for (const id of [...units.map((u) => u.parent_id), ...problems.map((p) => p.street_id)])
    if (id !== null && !streetIds.includes(id)) streetIds.push(id);
  const nameOf = new Map((await repos.units.findByIds(streetIds)).map((u) => [u.id, u.name]));
  return {
    rounds: await repos.bulletins.rounds(campaign.id),
    sheets: await repos.bulletins.sheets(campaign.id),
    problems,
    warnings: await repos.bulletins.warnings(campaign.id),
    streets: streetIds.map((id) => ({ id, name: nameOf.get(id) ?? id })),
  };
}

/** What generation produces: the figures the text quotes, the tables, and the ranking rows behind them. */
export interface BulletinContent {
  figures: BulletinFigures;
  tables: BulletinTable[];
  /** The month's whole-campaign ranking (rank order). */
  ranking: RankedRow[];
  /** Active warnings at the month's end. */
  activeWarnings: BulletinWarningRow[];
}

/** 较上月 as printed: ↑2, ↓3, 持平, or — when there is no previous month. */
export function changeText(change: number | null): string {
  if (change === null) return '—';
  if (change === 0) return '持平';
  return change > 0 ? `↑${change}` : `↓${-change}`;
}

const KIND_LABEL: Record<string, string> = {
  supervision: '督导',
  observation: '观摩评比',
  special: '专项督查',
  acceptance: '年度验收',
};
const MODE_LABEL: Record<string, string> = { covert: '明察暗访', surprise: '突击检查' };
const LEVEL_LABEL: Record<string, string> = { red: '红色预警', yellow: '黄色预警' };

/** `10月16日—10月27日`, or one day. */
function dateRange(from: string, to: string): string {
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return from === to ? md(from) : `${md(from)}—${md(to)}`;
}

/** `2023年第三季度` from `2023-Q3`. */
export function quarterText(period: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!m) return period;
  return `${m[1]}年第${['一', '二', '三', '四'][Number(m[2]) - 1]}季度`;
}

/** Why a warning was raised, as the bulletin prints it. */
function warningReasons(w: BulletinWarningRow): string {
  const parts = w.reasons
    .split(',')
    .map((r) => {
      if (r === 'bottom') return `排名末位（第${w.rank}名/共${w.total}个）`;
      if (r === 'overdue') return `季末逾期问题${w.overdue}个`;
      if (r === 'rate') return `计划完成率${w.rate === null ? '—' : `${round2(w.rate)}%`}`;
      return '';
    })
    .filter((s) => s !== '');
  return `${quarterText(w.period)}：${parts.join('、')}`;
}

/** A problem as of `end`: not yet raised → null; closed after `end` → still open then. */
function factAsOf(p: BulletinProblemRow, end: string): ProblemFact | null {
  const raisedOn = chinaDate(p.raised_at);
  if (raisedOn > end) return null;
  return {
    raisedOn,
    deadline: p.deadline,
    closedOn: p.closed_on !== null && p.closed_on <= end ? p.closed_on : null,
  };
}

/** A warning is active at `end` when raised by then and not lifted by then. */
export function activeAt(w: BulletinWarningRow, end: string): boolean {
  if (w.raised_on > end) return false;
  if (w.lifted_on !== null) return w.lifted_on > end;
  return w.status !== 'lifted';
}

const inMonth = (day: string | null, month: string) => day !== null && day.slice(0, 7) === month;

/**
 * Computes a bulletin's figures and tables for `month` of `campaign` from the loaded ledger and the month's
 * ranking (computed here through the ranking service: one load, the month and the one before).
 */
export async function computeBulletinContent(
  repos: Repos,
  campaign: CampaignRow,
  ledger: BulletinLedger,
  month: string,
): Promise<BulletinContent> {
  const end = monthEnd(month);
  const ranking = await computeRanking(repos, campaign, { period: month, level: 'unit' }, { kind: 'all' });

  // Rounds and sheets.
  const monthRounds = ledger.rounds.filter((r) => inMonth(r.starts_on, month));
  const roundsToDate = ledger.rounds.filter((r) => r.starts_on <= end).length;
  const sheetsBy = ledger.sheets.map((s) => ({ ...s, day: chinaDate(s.visited_at) }));
  const unitsCovered = new Set(sheetsBy.filter((s) => inMonth(s.day, month)).map((s) => s.unit_id)).size;

  // Problems.
  const asOf = ledger.problems.flatMap((p) => {
    const f = factAsOf(p, end);
    return f ? [{ row: p, fact: f }] : [];
  });
  const toDate = problemFigures(
    asOf.map((x) => x.fact),
    end,
  );
  const notifiedInMonth = asOf.filter((x) => inMonth(x.fact.raisedOn, month)).length;
  const closedInMonth = asOf.filter((x) => inMonth(x.fact.closedOn, month)).length;

  // Warnings.
  const activeWarnings = ledger.warnings.filter((w) => activeAt(w, end));
  const warningsRaisedInMonth = ledger.warnings.filter((w) => inMonth(w.raised_on, month)).length;

  const scores = ranking.rows.map((r) => r.score);
  const figures: BulletinFigures = {
    month,
    roundsInMonth: monthRounds.length,
    roundsToDate,
    unitsCovered,
    notifiedInMonth,
    closedInMonth,
    overdueAtMonthEnd: toDate.overdue,
    notifiedToDate: toDate.notified,
    closedToDate: toDate.closed,
    closureRateToDate: toDate.closureRate === null ? null : round1(toDate.closureRate),
    warningsActive: activeWarnings.length,
    warningsRaisedInMonth,
    avgScore: scores.length === 0 ? null : round2(scores.reduce((a, b) => a + b, 0) / scores.length),
    unitsRanked: ranking.total,
  };

  const roundsTable: BulletinTable = {
    key: 'rounds',
    title: '本月督导情况',
    section: 0,
    headers: ['轮次', '类型', '日期', '覆盖单位', '发现问题'],
    rows: monthRounds.map((r) => {
      const covered = new Set(
        sheetsBy.filter((s) => s.round_id === r.id && s.day <= end).map((s) => s.unit_id),
      ).size;
      const found = asOf.filter((x) => x.row.round_id === r.id).length;
      const kind = KIND_LABEL[r.kind] ?? r.kind;
      const mode = MODE_LABEL[r.mode];
      return [r.name, mode ? `${kind}（${mode}）` : kind, dateRange(r.starts_on, r.ends_on), covered, found];
    }),
  };

  const streetRows = ledger.streets.map((s) => {
    const mine = asOf.filter((x) => x.row.street_id === s.id);
    const f = problemFigures(
      mine.map((x) => x.fact),
      end,
    );
    return [
      s.name,
      mine.filter((x) => inMonth(x.fact.raisedOn, month)).length,
      mine.filter((x) => inMonth(x.fact.closedOn, month)).length,
      f.notified,
      f.closed,
      f.closureRate === null ? null : round1(f.closureRate),
      f.overdue,
    ];
  });
  const streetsTable: BulletinTable = {
    key: 'streets',
    title: '各街道问题整改情况',
    section: 2,
    headers: ['街道', '本月通报', '本月销号', '累计通报', '累计销号', '销号率（%）', '逾期未整改'],
    rows: [
      ...streetRows,
      [
        '合计',
        figures.notifiedInMonth,
        figures.closedInMonth,
        figures.notifiedToDate,
        figures.closedToDate,
        figures.closureRateToDate,
        figures.overdueAtMonthEnd,
      ],
    ],
  };

  const rankRow = (r: RankedRow) => [
    r.rank,
    r.name,
    r.parentName ?? '—',
    format2(r.score),
    changeText(r.change),
  ];
  const rankHeaders = ['排名', '村(社区)', '所属街道', '得分', '较上月'];
  const movers = ranking.rows
    .filter((r) => r.change !== null && Math.abs(r.change) >= 3)
    .sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) || a.rank - b.rank)
    .slice(0, 10);
  const tables: BulletinTable[] = [
    roundsTable,
    streetsTable,
    {
      key: 'top',
      title: '本月排名前十',
      section: 1,
      headers: rankHeaders,
      rows: ranking.rows.slice(0, 10).map(rankRow),
    },
    {
      key: 'bottom',
      title: '排名后五位',
      section: 1,
      headers: rankHeaders,
      rows: ranking.rows.slice(Math.max(0, ranking.rows.length - 5)).map(rankRow),
    },
    { key: 'movers', title: '排名变化较大', section: 1, headers: rankHeaders, rows: movers.map(rankRow) },
    {
      key: 'warnings',
      title: '预警单位',
      section: 3,
      headers: ['单位', '所属街道', '等级', '原因'],
      rows: activeWarnings.map((w) => [
        w.unit_name,
        w.street_name ?? '—',
        LEVEL_LABEL[w.level] ?? w.level,
        warningReasons(w),
      ]),
    },
  ];
  return { figures, tables, ranking: ranking.rows, activeWarnings };
}
