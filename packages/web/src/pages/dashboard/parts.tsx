import { Card, Drawer, Flex, List, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import type { DashboardRankRow, DashboardView } from '../../api/types';
import { ScoreChange } from '../../components/campaign/ScoreChange';
import { EmptyState } from '../../components/Feedback';
import { useIsMobile } from '../../hooks/useIsMobile';
import { quarterLabel } from './charts';
import { useDashboardI18n } from './i18n';
import type { DashboardMessageKey } from './messages.zh';

type View = 'chart' | 'table';

/**
 * A dashboard card: a chart and its table behind a 图表/表格 switch. The table is the chart's fallback (and what a
 * screen reader gets); both click through to the list behind them.
 */
export function ChartCard({
  title,
  note,
  chart,
  table,
  testId,
  extra,
}: {
  title: ReactNode;
  note?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  testId: string;
  extra?: ReactNode;
}) {
  const { t } = useDashboardI18n();
  const [view, setView] = useState<View>('chart');
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      className="wx-dash-card"
      extra={
        <Flex gap={8} align="center">
          {extra}
          <Segmented<View>
            size="small"
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', label: t('chart.chart') },
              { value: 'table', label: t('chart.table') },
            ]}
          />
        </Flex>
      }
    >
      {note && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }}>
          {note}
        </Typography.Text>
      )}
      {view === 'chart' ? chart : <div data-testid={`${testId}-table`}>{table}</div>}
    </Card>
  );
}

/** A small table that scrolls sideways on a phone rather than squeezing its columns. */
export function SmallTable<T extends object>({
  rows,
  columns,
  rowKey,
}: {
  rows: readonly T[];
  columns: ColumnsType<T>;
  rowKey: (row: T) => string;
}) {
  return (
    <Table<T>
      size="small"
      dataSource={[...rows]}
      columns={columns}
      rowKey={rowKey}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** One headline figure; a click opens the list behind it. */
export function KpiTile({
  id,
  title,
  value,
  unit,
  hint,
  to,
  danger,
}: {
  id: string;
  title: string;
  value: string;
  unit?: string;
  hint?: string;
  to?: string;
  danger?: boolean;
}) {
  const body = (
    <Card size="small" hoverable={Boolean(to)} className="wx-dash-kpi" data-testid={`kpi-${id}`}>
      <div className="wx-dash-kpi-title">{title}</div>
      <div className={`wx-dash-kpi-value${danger ? ' wx-danger' : ''}`}>
        <span data-testid={`kpi-${id}-value`}>{value}</span>
        {unit && <span className="wx-dash-kpi-unit">{unit}</span>}
      </div>
      {hint && <div className="wx-dash-kpi-hint">{hint}</div>}
    </Card>
  );
  return to ? (
    <Link to={to} style={{ display: 'block', height: '100%' }}>
      {body}
    </Link>
  ) : (
    body
  );
}

/** 排名前十/后十: rank, unit (and street), score, movement; a name opens the unit's profile. */
export function RankList({
  rows,
  showParent,
  profileLink,
  testId,
}: {
  rows: DashboardRankRow[];
  showParent: boolean;
  profileLink: (code: string) => string;
  testId: string;
}) {
  const { t } = useDashboardI18n();
  if (rows.length === 0) return <EmptyState description={t('dash.empty')} />;
  return (
    <ol className="wx-dash-ranklist" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.code} data-code={r.code}>
          <span className="wx-rank" data-rank={r.rank}>
            {r.rank}
          </span>
          <span className="wx-dash-rank-name">
            <Link to={profileLink(r.code)}>{r.name}</Link>
            {showParent && r.parentName && <span className="wx-dash-rank-parent">{r.parentName}</span>}
          </span>
          <span className="wx-dash-rank-score" data-testid="rank-score">
            {r.score.toFixed(2)}
          </span>
          <span className="wx-dash-rank-change">
            <ScoreChange change={r.change} />
          </span>
        </li>
      ))}
    </ol>
  );
}

/** A drawer listing units (a score bucket, a rating count) with links to their profiles. */
export function UnitsDrawer({
  title,
  units,
  open,
  onClose,
  nameOf,
  profileLink,
}: {
  title: string;
  units: readonly string[];
  open: boolean;
  onClose: () => void;
  nameOf: (code: string) => { name: string; parent: string | null };
  profileLink: (code: string) => string;
}) {
  const { t } = useDashboardI18n();
  const isMobile = useIsMobile();
  return (
    <Drawer title={title} open={open} onClose={onClose} size={isMobile ? '100%' : 420} destroyOnHidden>
      {units.length === 0 ? (
        <EmptyState description={t('dash.empty')} />
      ) : (
        <List
          data-testid="units-drawer"
          dataSource={[...units]}
          renderItem={(code) => {
            const unit = nameOf(code);
            return (
              <List.Item extra={<Link to={profileLink(code)}>{t('dash.drawer.profile')}</Link>}>
                <Flex vertical>
                  <Typography.Text strong>{unit.name}</Typography.Text>
                  {unit.parent && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {unit.parent}
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Drawer>
  );
}

/** 预警单位: the active warnings, red first, each opening its warning. */
export function WarningsList({
  warnings,
  link,
}: {
  warnings: DashboardView['warnings'];
  link: (id: string) => string;
}) {
  const { t } = useDashboardI18n();
  return (
    <Flex vertical gap={8} data-testid="warnings-list">
      <Typography.Text>
        {t('dash.warn.summary', { active: warnings.active, red: warnings.red, yellow: warnings.yellow })}
      </Typography.Text>
      {warnings.rows.length === 0 ? (
        <EmptyState description={t('dash.warn.none')} />
      ) : (
        <div className="wx-dash-warnings">
          {warnings.rows.map((w) => (
            <Link key={w.id} to={link(w.id)} className="wx-dash-warning">
              <Tag color={w.level === 'red' ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>
                {t(w.level === 'red' ? 'dash.warn.red' : 'dash.warn.yellow')}
              </Tag>
              <span className="wx-dash-warning-name">{w.unitName}</span>
              {w.streetName && <span className="wx-dash-rank-parent">{w.streetName}</span>}
              <span className="wx-dash-warning-reasons">
                {quarterLabel(t, w.quarter)} ·{' '}
                {w.reasons.map((r) => t(`dash.warn.reason.${r}`)).join(t('common.enumSeparator'))}
              </span>
            </Link>
          ))}
        </div>
      )}
    </Flex>
  );
}

const CONTEST_STATUS: Partial<Record<string, DashboardMessageKey>> = {
  draft: 'dash.contest.status.draft',
  running: 'dash.contest.status.running',
  finished: 'dash.contest.status.finished',
  announced: 'dash.contest.status.announced',
};

/** 擂台赛: the newest contest, each group's top three. */
export function ContestSummary({ contest }: { contest: NonNullable<DashboardView['contest']> }) {
  const { t } = useDashboardI18n();
  const statusKey = CONTEST_STATUS[contest.status];
  return (
    <Flex vertical gap={8} data-testid="contest-summary">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{contest.name}</Typography.Text>
        <Tag color={contest.status === 'announced' ? 'green' : 'default'}>
          {statusKey ? t(statusKey) : contest.status}
        </Tag>
      </Flex>
      <div className="wx-dash-contest-groups">
        {contest.groups.map((g) => (
          <div key={g.name} className="wx-dash-contest-group">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {g.name}
            </Typography.Text>
            {g.top.length === 0 ? (
              <Typography.Text type="secondary">{t('dash.contest.noResults')}</Typography.Text>
            ) : (
              g.top.map((row) => (
                <Flex key={`${row.rank}-${row.unitName}`} gap={6} align="center">
                  <span className="wx-rank" data-rank={row.rank}>
                    {row.rank}
                  </span>
                  <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
                    {row.unitName}
                  </Typography.Text>
                  <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {row.total.toFixed(2)}
                  </Typography.Text>
                </Flex>
              ))
            )}
          </div>
        ))}
      </div>
    </Flex>
  );
}

/** The courtyard counts in the order the award funnel runs. */
export const COURTYARD_FIELDS = [
  'households',
  'applications',
  'village',
  'street',
  'district',
  'city',
] as const;

/** 五美庭院: households, applications, households named at each level. */
export function CourtyardSummary({ courtyard }: { courtyard: NonNullable<DashboardView['courtyard']> }) {
  const { t } = useDashboardI18n();
  return (
    <Flex vertical gap={8} data-testid="courtyard-summary">
      <Typography.Text strong>{courtyard.name}</Typography.Text>
      <div className="wx-dash-mini-stats">
        {COURTYARD_FIELDS.map((f) => (
          <div key={f} className="wx-dash-mini-stat">
            <div className="wx-dash-mini-value">{courtyard[f]}</div>
            <div className="wx-dash-mini-label">{t(`dash.courtyard.${f}`)}</div>
          </div>
        ))}
      </div>
    </Flex>
  );
}
