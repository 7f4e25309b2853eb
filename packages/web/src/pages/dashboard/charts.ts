import type { DashboardRankRow, DashboardView, ProblemFunnel, VillageDashboardView } from '../../api/types';
import type { DashboardTranslate } from './i18n';

/** Colours and type sizes of a chart: the light app pages or the dark big screen. */
export interface ChartTheme {
  text: string;
  muted: string;
  axis: string;
  split: string;
  fontSize: number;
  /** Series colours: the first is the party red. */
  colors: string[];
  tooltip: { backgroundColor?: string; textStyle?: { color: string }; borderColor?: string };
}

/** The app pages' charts. */
export const LIGHT: ChartTheme = {
  text: 'rgba(0,0,0,0.85)',
  muted: 'rgba(0,0,0,0.55)',
  axis: '#d9d9d9',
  split: '#f0f0f0',
  fontSize: 12,
  colors: ['#c0392b', '#1677ff', '#d48806', '#389e0d', '#722ed1', '#13a8a8', '#eb2f96', '#8c8c8c'],
  tooltip: {},
};

/** The big screen's charts: light type on the dark red background, larger. */
export const DARK: ChartTheme = {
  text: 'rgba(255,255,255,0.92)',
  muted: 'rgba(255,255,255,0.7)',
  axis: 'rgba(255,255,255,0.35)',
  split: 'rgba(255,255,255,0.12)',
  fontSize: 16,
  colors: ['#ffd666', '#ff7a45', '#69c0ff', '#95de64', '#b37feb', '#5cdbd3', '#ff85c0', '#d9d9d9'],
  tooltip: { backgroundColor: 'rgba(20,8,10,0.92)', borderColor: '#ffd666', textStyle: { color: '#fff' } },
};

/** The funnel's stages in order, then overdue. */
export const FUNNEL_STAGES = ['notified', 'submitted', 'reviewed', 'closed', 'overdue'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** `2023-06` → `6月` (axis labels). */
export function monthShort(t: DashboardTranslate, month: string): string {
  return t('dash.monthShort', { month: Number(month.slice(5, 7)) });
}

/** `2023-06` → `2023年6月`. */
export function monthLabel(t: DashboardTranslate, month: string): string {
  return t('dash.monthLabel', { year: month.slice(0, 4), month: Number(month.slice(5, 7)) });
}

/** `2023-Q3` → `2023年第3季度`. */
export function quarterLabel(t: DashboardTranslate, quarter: string): string {
  return t('dash.warn.quarter', { year: quarter.slice(0, 4), q: quarter.slice(-1) });
}

/** A rating bucket's label: 未达星, 1星 … 5星. */
export function starsLabel(t: DashboardTranslate, stars: number): string {
  return stars === 0 ? t('dash.noStar') : t('dash.starsCount', { n: stars });
}

/** The theme's i-th series colour (the party red when out of range). */
function colorAt(theme: ChartTheme, i: number): string {
  return theme.colors[i % theme.colors.length] ?? '#c0392b';
}

function axisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.axis } },
    axisTick: { show: false },
    axisLabel: { color: theme.muted, fontSize: theme.fontSize },
    splitLine: { lineStyle: { color: theme.split } },
  };
}

function base(theme: ChartTheme) {
  return {
    color: theme.colors,
    textStyle: { fontSize: theme.fontSize, color: theme.text },
    tooltip: { confine: true, ...theme.tooltip },
    animationDuration: 400,
  };
}

/** 得分分布: a bar per score bucket with its count on top. */
export function distributionOption(buckets: DashboardView['distribution'], theme: ChartTheme) {
  return {
    ...base(theme),
    tooltip: { ...base(theme).tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: buckets.map((b) => b.label),
      ...axisStyle(theme),
      // Every band named; many bands lean so their labels do not collide.
      axisLabel: { ...axisStyle(theme).axisLabel, interval: 0, rotate: buckets.length > 6 ? 35 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(theme) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        data: buckets.map((b) => b.count),
        label: { show: true, position: 'top', color: theme.text, fontSize: theme.fontSize },
        itemStyle: { borderRadius: [4, 4, 0, 0] },
      },
    ],
  };
}

/** 星级创建目标与达标: per star, the units targeting it and those reaching it, side by side. */
export function starsOption(stars: DashboardView['stars'], theme: ChartTheme, t: DashboardTranslate) {
  const names = [t('dash.series.targeted'), t('dash.series.reached')];
  return {
    ...base(theme),
    color: [colorAt(theme, 1), colorAt(theme, 0)],
    tooltip: { ...base(theme).tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: names, textStyle: { color: theme.text, fontSize: theme.fontSize } },
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: stars.map((s) => s.name),
      ...axisStyle(theme),
      // Star names (支部过硬星 …) break onto two lines rather than run into each other.
      axisLabel: {
        ...axisStyle(theme).axisLabel,
        interval: 0,
        width: theme.fontSize * 3.2,
        overflow: 'break',
        lineHeight: theme.fontSize + 2,
      },
    },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(theme) },
    series: [
      {
        name: names[0],
        type: 'bar',
        barMaxWidth: 28,
        data: stars.map((s) => s.targeted),
        label: { show: true, position: 'top', color: theme.muted, fontSize: theme.fontSize - 1 },
      },
      {
        name: names[1],
        type: 'bar',
        barMaxWidth: 28,
        data: stars.map((s) => s.reached),
        label: { show: true, position: 'top', color: theme.muted, fontSize: theme.fontSize - 1 },
      },
    ],
  };
}

/** 星级测算: units by the number of stars they would be rated at (未达星 … 5星). */
export function ratingsOption(ratings: DashboardView['ratings'], theme: ChartTheme, t: DashboardTranslate) {
  return {
    ...base(theme),
    tooltip: { ...base(theme).tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: ratings.map((r) => starsLabel(t, r.stars)), ...axisStyle(theme) },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(theme) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 44,
        data: ratings.map((r) => r.count),
        itemStyle: { color: colorAt(theme, 2), borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: 'top', color: theme.text, fontSize: theme.fontSize },
      },
    ],
  };
}

/** 街道排名: the streets' weighted scores, best on top. */
export function streetsOption(rows: DashboardRankRow[], theme: ChartTheme) {
  const scores = rows.map((r) => r.score);
  const low = Math.min(...scores);
  return {
    ...base(theme),
    tooltip: { ...base(theme).tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 56, top: 8, bottom: 4, containLabel: true },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => `${r.rank}. ${r.name}`),
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, color: theme.text },
    },
    // Scores sit close together: the axis starts near the lowest so the differences show.
    xAxis: {
      type: 'value',
      min: Number.isFinite(low) ? Math.max(0, Math.floor(low / 10) * 10 - 10) : 0,
      ...axisStyle(theme),
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 26,
        data: scores,
        itemStyle: { borderRadius: [0, 4, 4, 0] },
        label: {
          show: true,
          position: 'right',
          color: theme.text,
          fontSize: theme.fontSize,
          formatter: (p: { value: number }) => p.value.toFixed(2),
        },
      },
    ],
  };
}

/** 月度走势: the scope's mean (thick) and one line per street or village. */
export function trendOption(
  trend: DashboardView['trend'],
  theme: ChartTheme,
  t: DashboardTranslate,
  compact: boolean,
) {
  const lines = [trend.overall, ...trend.series];
  return {
    ...base(theme),
    tooltip: {
      ...base(theme).tooltip,
      trigger: 'axis',
      valueFormatter: (v: number | null) => (typeof v === 'number' ? v.toFixed(2) : '—'),
    },
    legend: {
      type: compact ? 'plain' : 'scroll',
      top: 0,
      itemGap: compact ? 6 : 10,
      data: lines.map((l) => l.name),
      textStyle: { color: theme.text, fontSize: theme.fontSize },
      pageTextStyle: { color: theme.muted },
    },
    grid: {
      left: 8,
      right: 16,
      top: compact ? 24 + 22 * Math.ceil(lines.length / 3) : 40,
      bottom: 4,
      containLabel: true,
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: trend.months.map((m) => monthShort(t, m)),
      ...axisStyle(theme),
    },
    yAxis: { type: 'value', scale: true, ...axisStyle(theme) },
    series: lines.map((l, i) => ({
      name: l.name,
      type: 'line',
      data: l.scores,
      connectNulls: false,
      symbolSize: i === 0 ? 8 : 5,
      lineStyle: { width: i === 0 ? 4 : 1.5 },
      z: i === 0 ? 3 : 2,
    })),
  };
}

/** The count of one funnel stage. */
export function funnelCount(funnel: ProblemFunnel, stage: FunnelStage): number {
  return funnel[stage];
}

/**
 * 问题整改漏斗 drawn as centred horizontal bars (a transparent bar pads each one to the middle): notified →
 * submitted → looked back → closed, then overdue in red.
 */
export function funnelOption(funnel: ProblemFunnel, theme: ChartTheme, t: DashboardTranslate) {
  const values = FUNNEL_STAGES.map((s) => funnelCount(funnel, s));
  const widest = Math.max(1, ...values);
  const stageColors = [colorAt(theme, 1), colorAt(theme, 4), colorAt(theme, 2), colorAt(theme, 3), '#f5222d'];
  return {
    ...base(theme),
    tooltip: { show: false },
    grid: { left: 8, right: 8, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', show: false, max: widest },
    yAxis: {
      type: 'category',
      inverse: true,
      data: FUNNEL_STAGES.map((s) => t(`dash.funnel.${s}`)),
      ...axisStyle(theme),
      axisLine: { show: false },
      axisLabel: { ...axisStyle(theme).axisLabel, color: theme.text },
    },
    series: [
      {
        type: 'bar',
        stack: 'funnel',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: values.map((v) => (widest - v) / 2),
      },
      {
        type: 'bar',
        stack: 'funnel',
        barWidth: '62%',
        data: values.map((v, i) => ({ value: v, itemStyle: { color: stageColors[i] } })),
        label: {
          show: true,
          position: 'inside',
          color: '#fff',
          fontWeight: 600,
          fontSize: theme.fontSize,
          formatter: (p: { value: number }) => String(p.value),
        },
        labelLayout: { hideOverlap: false },
      },
    ],
  };
}

/** 排名走势: rank month by month on an inverted axis (1st on top), the score in the tooltip. */
export function rankTrendOption(
  rows: VillageDashboardView['rankTrend'],
  total: number,
  theme: ChartTheme,
  t: DashboardTranslate,
) {
  return {
    ...base(theme),
    tooltip: {
      ...base(theme).tooltip,
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const row = rows[items[0]?.dataIndex ?? 0];
        if (!row) return '';
        const rank =
          row.rank === null ? t('dash.v.notRanked') : t('dash.v.rankOf', { rank: row.rank, total });
        const score = row.score === null ? '—' : t('dash.points', { value: row.score.toFixed(2) });
        return `${monthLabel(t, row.month)}<br/>${rank}<br/>${score}`;
      },
    },
    grid: { left: 8, right: 16, top: 24, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => monthShort(t, r.month)), ...axisStyle(theme) },
    yAxis: {
      type: 'value',
      inverse: true,
      // From 0 so the ticks fall on round places (5, 10, 15 …); there is no place 0, so it goes unlabelled.
      min: 0,
      max: Math.max(1, total),
      minInterval: 1,
      ...axisStyle(theme),
      axisLabel: {
        ...axisStyle(theme).axisLabel,
        formatter: (v: number) => (v === 0 ? '' : String(v)),
      },
    },
    series: [
      {
        type: 'line',
        data: rows.map((r) => r.rank),
        symbolSize: 8,
        lineStyle: { width: 3 },
        label: { show: true, position: 'top', color: theme.text, fontSize: theme.fontSize },
      },
    ],
  };
}

/** 失分最多的指标: the loss per item, largest on top. */
export function lossesOption(rows: VillageDashboardView['losses'], theme: ChartTheme, compact: boolean) {
  return {
    ...base(theme),
    tooltip: {
      ...base(theme).tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => v.toFixed(2),
    },
    grid: { left: 8, right: 48, top: 8, bottom: 4, containLabel: true },
    yAxis: {
      type: 'category',
      inverse: true,
      // The same item name recurs under several stars: the star goes on a second, smaller line.
      data: rows.map((r) => `{item|${r.itemName}}\n{star|${r.starName}}`),
      ...axisStyle(theme),
      axisLabel: {
        ...axisStyle(theme).axisLabel,
        color: theme.text,
        width: compact ? 124 : 220,
        overflow: 'truncate',
        rich: {
          item: { color: theme.text, fontSize: theme.fontSize, lineHeight: theme.fontSize + 3 },
          star: { color: theme.muted, fontSize: theme.fontSize - 2, lineHeight: theme.fontSize + 1 },
        },
      },
    },
    xAxis: { type: 'value', ...axisStyle(theme) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: rows.map((r) => r.lost),
        itemStyle: { color: colorAt(theme, 0), borderRadius: [0, 4, 4, 0] },
        label: {
          show: true,
          position: 'right',
          color: theme.text,
          formatter: (p: { value: number }) => p.value.toFixed(2),
        },
      },
    ],
  };
}
