import { format2 } from '@wuxing/core';
import type { BulletinFigures, BulletinSection, BulletinTable } from '../contracts/bulletin';
import type { BulletinContent } from './bulletinFigures';

/**
 * The bulletin's text, in the register of the district's reports ("目前，全区已开展督导3次，通报问题80条、整改销号
 * 56条"): five sections, every number taken from the figures or the tables (names and scores of units), so the
 * text and the tables agree. Paragraphs are separated by blank lines.
 */

/** `2023年11月` parts of a `YYYY-MM` month. */
export function monthParts(month: string): { year: number; month: number } {
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

/** 关于2023年6月份五星支部创建工作情况的通报 */
export function bulletinTitle(month: string): string {
  const p = monthParts(month);
  return `关于${p.year}年${p.month}月份五星支部创建工作情况的通报`;
}

/** The default 文号: the district's first character + 组通〔year〕month号 (editable). */
export function defaultDocNumber(districtName: string | null, month: string): string {
  const p = monthParts(month);
  return `${districtName ? districtName.slice(0, 1) : ''}组通〔${p.year}〕${p.month}号`;
}

/** The issuing body (落款): 中共石龙区委组织部. */
export function issuerOf(districtName: string | null): string {
  return districtName ? `中共${districtName}委组织部` : '区委组织部';
}

/** The download's file name stem: 2023年6月五星支部创建工作通报. */
export function bulletinFileStem(month: string): string {
  const p = monthParts(month);
  return `${p.year}年${p.month}月五星支部创建工作通报`;
}

/** `2023年12月5日` from `2023-12-05`. */
export function chineseDate(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

type Cell = string | number | null;

function rowsOf(tables: BulletinTable[], key: string): Cell[][] {
  return tables.find((t) => t.key === key)?.rows ?? [];
}

/** `何庄村（人民路街道，78.23分）` from a ranking table row [rank, name, street, score, change]. */
function unitWithScore(row: Cell[]): string {
  return `${row[1]}（${row[2]}，${row[3]}分）`;
}

/** `何庄村上升4位` from a ranking row's change text (↑4 / ↓3). */
function moverText(row: Cell[]): string {
  const change = String(row[4] ?? '');
  const n = change.slice(1);
  return change.startsWith('↑') ? `${row[1]}上升${n}位` : `${row[1]}下降${n}位`;
}

function overall(f: BulletinFigures, m: number): string[] {
  const rate = f.closureRateToDate === null ? '' : `，销号率${f.closureRateToDate}%`;
  const avg =
    f.avgScore === null
      ? `参与排名的${f.unitsRanked}个村(社区)尚无得分。`
      : `参与排名的${f.unitsRanked}个村(社区)平均得分${format2(f.avgScore)}分。`;
  return [
    `${m}月份，全区各村(社区)以“五星”支部创建为抓手，持续推进量化动态管理。本月区委组织部牵头联合督导考核组开展督导观摩${f.roundsInMonth}次，实地督导村(社区)${f.unitsCovered}个，新通报问题${f.notifiedInMonth}条、整改销号${f.closedInMonth}条。`,
    `目前，全区已开展督导${f.roundsToDate}次，通报问题${f.notifiedToDate}条、整改销号${f.closedToDate}条${rate}，截至${m}月底逾期未整改问题${f.overdueAtMonthEnd}条。${avg}`,
  ];
}

function ranking(f: BulletinFigures, tables: BulletinTable[], m: number): string[] {
  const top = rowsOf(tables, 'top');
  const bottom = rowsOf(tables, 'bottom');
  if (top.length === 0) return [`截至${m}月底，暂无村(社区)参与排名。`];
  const out = [
    `按照“每颗星平均得分”计算，截至${m}月底，全区${f.unitsRanked}个村(社区)中，排名前三位的是：${top
      .slice(0, 3)
      .map(unitWithScore)
      .join('、')}；排名后三位的是：${bottom
      .slice(-3)
      .map(unitWithScore)
      .join('、')}。本月排名前十、后五位及排名变化较大的村(社区)见下表。`,
  ];
  const movers = rowsOf(tables, 'movers');
  const up = movers.filter((r) => String(r[4] ?? '').startsWith('↑'));
  const down = movers.filter((r) => String(r[4] ?? '').startsWith('↓'));
  const parts: string[] = [];
  if (up.length > 0) parts.push(`${up.map(moverText).join('、')}，进步明显`);
  if (down.length > 0) parts.push(`${down.map(moverText).join('、')}，需引起重视`);
  if (parts.length > 0) out.push(`与上月相比，${parts.join('；')}。`);
  return out;
}

function problems(f: BulletinFigures, tables: BulletinTable[], m: number): string[] {
  const rate = f.closureRateToDate === null ? '' : `，销号率${f.closureRateToDate}%`;
  const out = [
    `本月新通报问题${f.notifiedInMonth}条，整改销号${f.closedInMonth}条。截至${m}月底，累计通报问题${f.notifiedToDate}条、整改销号${f.closedToDate}条${rate}，逾期未整改问题${f.overdueAtMonthEnd}条。各街道问题整改情况见下表。`,
  ];
  const late = rowsOf(tables, 'streets')
    .filter((r) => r[0] !== '合计' && typeof r[6] === 'number' && r[6] > 0)
    .sort((a, b) => Number(b[6]) - Number(a[6]));
  if (late.length > 0)
    out.push(
      `逾期未整改问题主要集中在${late.map((r) => `${r[0]}（${r[6]}条）`).join('、')}，相关街道要督促村(社区)限期整改到位，逾期问题按规定扣减督导观摩得分。`,
    );
  return out;
}

function warnings(f: BulletinFigures, tables: BulletinTable[], m: number): string[] {
  const rows = rowsOf(tables, 'warnings');
  const units = [...new Set(rows.map((r) => String(r[0])))];
  if (f.warningsActive === 0)
    return [`本月新增预警${f.warningsRaisedInMonth}个。截至${m}月底，全区有效预警${f.warningsActive}个。`];
  return [
    `本月新增预警${f.warningsRaisedInMonth}个。截至${m}月底，全区有效预警${f.warningsActive}个，涉及${units.join('、')}。区委组织部已向预警单位负责人发出预警并开展谈话提醒，相关街道党工委和创星工作专班要加大工作指导和支持力度，帮助解决创建难点。`,
  ];
}

function requirements(f: BulletinFigures): string[] {
  return [
    `（一）强化问题整改。各街道、各村(社区)要对照本通报反馈的问题，建立整改台账，明确责任人和整改时限，坚持“督查—整改—回头看—整改销号”闭环管理，逾期未整改的${f.overdueAtMonthEnd}条问题要限期整改到位。`,
    '（二）对标争先进位。排名靠后的村(社区)要认真查找差距，对照“五星”支部创建标准补齐短板；排名靠前的要巩固提升，发挥示范带动作用，形成比学赶超、晋位争先的浓厚氛围。',
    '（三）压实创建责任。各街道党工委要切实履行主体责任，加强对所属村(社区)创建工作的指导督促。区委组织部将继续按月督导、按季度排名，并将结果与“五星”支部评定、年度考核等挂钩。',
  ];
}

/** The five sections of a bulletin's text for its figures and tables. */
export function bulletinSections(content: Pick<BulletinContent, 'figures' | 'tables'>): BulletinSection[] {
  const f = content.figures;
  const m = monthParts(f.month).month;
  const section = (heading: string, paragraphs: string[]) => ({ heading, text: paragraphs.join('\n\n') });
  return [
    section('一、总体情况', overall(f, m)),
    section('二、排名情况', ranking(f, content.tables, m)),
    section('三、问题整改情况', problems(f, content.tables, m)),
    section('四、预警情况', warnings(f, content.tables, m)),
    section('五、下步工作要求', requirements(f)),
  ];
}
