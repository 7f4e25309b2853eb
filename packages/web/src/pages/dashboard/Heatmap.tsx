import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { DashboardView } from '../../api/types';
import { useDashboardI18n } from './i18n';
import { ChartCard, SmallTable } from './parts';

type Heatmap = NonNullable<DashboardView['heatmap']>;
type HeatRow = Heatmap['rows'][number];

/** Light to deep red by where a score sits between the lowest and the highest on the map (0…1). */
function heat(share: number): { background: string; color: string } {
  const lightness = 96 - share * 58;
  return { background: `hsl(4, 72%, ${lightness}%)`, color: share > 0.55 ? '#fff' : 'rgba(0,0,0,0.85)' };
}

/**
 * 村（社区）× 星级得分 (the street dashboard): each village's S(u,s,t) per star as a coloured grid, blank where the
 * village does not target the star; a cell opens the village's profile. The table view gives the same numbers.
 */
export function StarHeatmap({
  heatmap,
  profileLink,
  testId,
}: {
  heatmap: Heatmap;
  profileLink: (unit: string) => string;
  testId: string;
}) {
  const { t } = useDashboardI18n();
  const values = heatmap.rows.flatMap((r) => r.scores.filter((v): v is number => v !== null));
  const low = Math.min(...values);
  const high = Math.max(...values);
  const share = (v: number) => (high > low ? (v - low) / (high - low) : 0.5);

  const chart = (
    <div className="wx-dash-heatmap" data-testid="heatmap">
      <table className="wx-dash-heat-table" aria-label={t('dash.card.heatmap')}>
        <thead>
          <tr>
            <th scope="col" />
            {heatmap.stars.map((s) => (
              <th key={s.code} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.rows.map((row) => (
            <HeatLine key={row.code} row={row} share={share} profileLink={profileLink} />
          ))}
        </tbody>
      </table>
    </div>
  );

  const columns: ColumnsType<HeatRow> = [
    {
      title: t('dash.col.unit'),
      key: 'name',
      fixed: 'left',
      render: (_, r) => <Link to={profileLink(r.code)}>{r.name}</Link>,
    },
    ...heatmap.stars.map((s, i) => ({
      title: s.name,
      key: s.code,
      align: 'right' as const,
      render: (_: unknown, r: HeatRow) => {
        const v = r.scores[i];
        return v === null || v === undefined ? '—' : v.toFixed(2);
      },
    })),
  ];

  return (
    <ChartCard
      title={t('dash.card.heatmap')}
      testId={testId}
      note={t('dash.clickHint')}
      chart={chart}
      table={<SmallTable rows={heatmap.rows} rowKey={(r) => r.code} columns={columns} />}
    />
  );
}

function HeatLine({
  row,
  share,
  profileLink,
}: {
  row: HeatRow;
  share: (v: number) => number;
  profileLink: (unit: string) => string;
}) {
  return (
    <tr>
      <th scope="row">
        <Link to={profileLink(row.code)}>{row.name}</Link>
      </th>
      {row.scores.map((v, i) =>
        v === null ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: one cell per star, in the stars' order
          <td key={i} className="wx-empty">
            —
          </td>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: one cell per star, in the stars' order
          <td key={i} style={heat(share(v))}>
            <Link to={profileLink(row.code)} style={{ color: 'inherit' }}>
              {v.toFixed(2)}
            </Link>
          </td>
        ),
      )}
    </tr>
  );
}
