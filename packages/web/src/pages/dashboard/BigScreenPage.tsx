import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { BigScreenView, DashboardRankRow } from '../../api/types';
import { EChart } from '../../components/charts/EChart';
import type { Lang } from '../../i18n';
import { dashboardKeys, useBigScreen } from './api';
import {
  DARK,
  distributionOption,
  funnelOption,
  monthLabel,
  quarterLabel,
  ratingsOption,
  starsOption,
  streetsOption,
  trendOption,
} from './charts';
import { useDashboardI18n } from './i18n';
import { COURTYARD_FIELDS } from './parts';
import './bigscreen.css';

const WIDTH = 1920;
const HEIGHT = 1080;
/** How long to wait before opening a refused or dropped stream again (the browser retries dropped ones itself). */
const RETRY_MS = 5000;

/**
 * 数据大屏 (`/bigscreen/:token`, no login): the district dashboard on a dark 1920×1080 stage scaled to the window
 * — KPI tiles, distribution, stars, ratings, monthly trend, streets, the problem funnel, top and bottom ten,
 * warnings, the contest and the courtyards. It refetches whenever the server's data version changes (Server-Sent
 * Events), and says plainly when the link is not (or no longer) valid.
 */
export function BigScreenPage() {
  const { token = '' } = useParams();
  const { t } = useDashboardI18n();
  const screen = useBigScreen(token);
  const client = useQueryClient();
  const scale = useStageScale();
  const version = screen.data?.version ?? null;
  const connected = useVersionFeed(token, version, () => {
    void client.invalidateQueries({ queryKey: dashboardKeys.screen(token) });
  });

  useEffect(() => {
    document.body.classList.add('wx-bs-body');
    return () => document.body.classList.remove('wx-bs-body');
  }, []);
  const district = screen.data?.districtName;
  useEffect(() => {
    if (district) document.title = t('dash.bs.title', { district });
  }, [district, t]);

  // A link that was replaced stops the screen even with figures on it (its stream is refused, the refetch 404s).
  const gone =
    screen.isError &&
    screen.error instanceof ApiError &&
    (screen.error.status === 404 || screen.error.status === 400);
  let content: ReactNode;
  if (screen.isPending) content = null;
  else if (screen.isError && (!screen.data || gone)) {
    content = (
      <div className="wx-bs-message" data-testid="bigscreen-invalid">
        {gone ? t('dash.bs.invalid') : screen.error.message}
      </div>
    );
  } else if (screen.data) content = <Screen view={screen.data} connected={connected} />;

  return (
    <main className="wx-bs-viewport">
      <div
        className="wx-bs-stage"
        style={{
          transform: `scale(${scale.factor})`,
          left: scale.left,
          top: scale.top,
        }}
      >
        {content}
      </div>
    </main>
  );
}

/** The factor and offsets that fit the 1920×1080 stage into the window, centred. */
function measureStage() {
  const w = window.innerWidth;
  const h = window.innerHeight;
  const factor = Math.min(w / WIDTH, h / HEIGHT);
  return { factor, left: (w - WIDTH * factor) / 2, top: (h - HEIGHT * factor) / 2 };
}

function useStageScale() {
  const [scale, setScale] = useState(measureStage);
  useEffect(() => {
    const onResize = () => setScale(measureStage());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

/**
 * Follows `/api/bigscreen/:token/events`: every `version` event naming another version than the one on screen
 * calls `onChange` (a refetch). The browser's EventSource reconnects after a drop by itself; a stream the server
 * refused (closed) calls `onChange` too and is opened anew after a pause. Starts once the first view is here.
 */
function useVersionFeed(token: string, version: string | null, onChange: () => void): boolean {
  const [connected, setConnected] = useState(true);
  const current = useRef(version);
  current.current = version;
  const changed = useRef(onChange);
  changed.current = onChange;
  const ready = version !== null;

  useEffect(() => {
    if (!ready) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const open = () => {
      if (stopped) return;
      const next = new EventSource(`/api/bigscreen/${encodeURIComponent(token)}/events`);
      source = next;
      next.onopen = () => setConnected(true);
      next.addEventListener('version', (event: MessageEvent<string>) => {
        setConnected(true);
        let seen: unknown = null;
        try {
          seen = (JSON.parse(event.data) as { version?: unknown }).version;
        } catch {
          seen = null;
        }
        if (typeof seen === 'string' && seen !== current.current) changed.current();
      });
      next.onerror = () => {
        setConnected(false);
        if (next.readyState === EventSource.CLOSED) {
          // Refused (the link replaced, say): refetch, which shows why, and try again after a pause.
          next.close();
          changed.current();
          retry = setTimeout(open, RETRY_MS);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [token, ready]);

  return connected;
}

/** The clock in the header: date, weekday and time, ticking every second. */
function Clock({ lang }: { lang: Lang }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const pad = (n: number) => String(n).padStart(2, '0');
  const weekday = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { weekday: 'long' }).format(now);
  return (
    <div className="wx-bs-clock" data-testid="bigscreen-clock">
      <span className="wx-bs-clock-date">
        {now.getFullYear()}-{pad(now.getMonth() + 1)}-{pad(now.getDate())} {weekday}
      </span>
      <span className="wx-bs-clock-time">
        {pad(now.getHours())}:{pad(now.getMinutes())}:{pad(now.getSeconds())}
      </span>
    </div>
  );
}

function Panel({
  title,
  extra,
  children,
  area,
  testId,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
  area: string;
  testId?: string;
}) {
  return (
    <section className="wx-bs-panel" style={{ gridArea: area }} data-testid={testId}>
      <header className="wx-bs-panel-head">
        <span className="wx-bs-panel-title">{title}</span>
        {extra && <span className="wx-bs-panel-extra">{extra}</span>}
      </header>
      <div className="wx-bs-panel-body">{children}</div>
    </section>
  );
}

/** The movement of a rank on the dark screen: ↑ green, ↓ red, — unchanged or new. */
function Move({ change }: { change: number | null }) {
  if (change === null || change === 0) return <span className="wx-bs-move">—</span>;
  return (
    <span className={`wx-bs-move ${change > 0 ? 'wx-up' : 'wx-down'}`}>
      {change > 0 ? '↑' : '↓'}
      {Math.abs(change)}
    </span>
  );
}

function Ranks({ rows, testId }: { rows: DashboardRankRow[]; testId: string }) {
  return (
    <ol className="wx-bs-ranks" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.code}>
          <span className={`wx-bs-rank wx-rank-${Math.min(r.rank, 4)}`}>{r.rank}</span>
          <span className="wx-bs-rank-name">
            {r.name}
            {r.parentName && <span className="wx-bs-rank-parent">{r.parentName}</span>}
          </span>
          <span className="wx-bs-rank-score">{r.score.toFixed(2)}</span>
          <Move change={r.change} />
        </li>
      ))}
    </ol>
  );
}

const CHART_H = 206;

function Screen({ view, connected }: { view: BigScreenView; connected: boolean }) {
  const { t, lang } = useDashboardI18n();
  const d = view.dashboard;
  const k = d.kpis;
  const options = useMemo(
    () => ({
      distribution: distributionOption(d.distribution, DARK),
      stars: starsOption(d.stars, DARK, t),
      ratings: ratingsOption(d.ratings, DARK, t),
      streets: streetsOption(d.streets, DARK),
      trend: trendOption(d.trend, DARK, t, false),
      funnel: funnelOption(d.funnel, DARK, t),
    }),
    [d, t],
  );
  const kpis: { id: string; title: string; value: string; unit?: string; hint?: string; alert?: boolean }[] =
    [
      { id: 'units', title: t('dash.kpi.units'), value: String(k.units), unit: t('dash.kpi.unitsUnit') },
      {
        id: 'avgScore',
        title: t('dash.kpi.avgScore'),
        value: k.avgScore === null ? '—' : k.avgScore.toFixed(2),
      },
      {
        id: 'rounds',
        title: t('dash.kpi.rounds'),
        value: String(k.roundsInMonth),
        unit: t('dash.kpi.roundsUnit'),
        hint: t('dash.kpi.roundsToDate', { count: k.roundsToDate }),
      },
      {
        id: 'problemsOpen',
        title: t('dash.kpi.problemsOpen'),
        value: String(k.problemsOpen),
        unit: t('dash.kpi.problemsUnit'),
        hint:
          d.funnel.closureRate === null
            ? t('dash.funnel.rateNone')
            : t('dash.funnel.rate', { rate: d.funnel.closureRate.toFixed(1) }),
      },
      {
        id: 'problemsOverdue',
        title: t('dash.kpi.problemsOverdue'),
        value: String(k.problemsOverdue),
        unit: t('dash.kpi.problemsUnit'),
        alert: k.problemsOverdue > 0,
      },
      {
        id: 'warningsActive',
        title: t('dash.kpi.warningsActive'),
        value: String(k.warningsActive),
        unit: t('dash.kpi.warningsUnit'),
        alert: k.warningsActive > 0,
      },
    ];
  const warnings = d.warnings.rows.slice(0, 8);

  return (
    <div className="wx-bs" data-testid="bigscreen" data-version={view.version}>
      <header className="wx-bs-header">
        <div className="wx-bs-header-side">
          <span className="wx-bs-asof">
            {t('dash.bs.asOf', { campaign: d.head.campaign.name, month: monthLabel(t, d.head.month) })}
          </span>
          {view.demo && <span className="wx-bs-demo">{t('common.demoData')}</span>}
          {!connected && <span className="wx-bs-offline">{t('dash.bs.reconnecting')}</span>}
        </div>
        <h1 className="wx-bs-title">{t('dash.bs.title', { district: view.districtName })}</h1>
        <div className="wx-bs-header-side wx-bs-right">
          <Clock lang={lang} />
        </div>
      </header>
      <div className="wx-bs-kpis">
        {kpis.map((kpi) => (
          <div key={kpi.id} className="wx-bs-kpi" data-testid={`bs-kpi-${kpi.id}`}>
            <div className="wx-bs-kpi-title">{kpi.title}</div>
            <div className={`wx-bs-kpi-value${kpi.alert ? ' wx-alert' : ''}`}>
              <span data-testid={`bs-kpi-${kpi.id}-value`}>{kpi.value}</span>
              {kpi.unit && <span className="wx-bs-kpi-unit">{kpi.unit}</span>}
            </div>
            {kpi.hint && <div className="wx-bs-kpi-hint">{kpi.hint}</div>}
          </div>
        ))}
      </div>
      <div className="wx-bs-grid">
        <Panel title={t('dash.card.distribution')} area="dist">
          <EChart option={options.distribution} height={CHART_H} ariaLabel={t('dash.card.distribution')} />
        </Panel>
        <Panel title={t('dash.card.trend')} area="trend">
          <EChart option={options.trend} height={CHART_H} ariaLabel={t('dash.card.trend')} />
        </Panel>
        <Panel title={t('dash.card.top')} area="top" testId="bs-top">
          <Ranks rows={d.top} testId="bs-rank-top" />
        </Panel>
        <Panel title={t('dash.card.stars')} area="stars">
          <EChart option={options.stars} height={CHART_H} ariaLabel={t('dash.card.stars')} />
        </Panel>
        <Panel title={t('dash.card.streets')} area="streets">
          <EChart option={options.streets} height={CHART_H} ariaLabel={t('dash.card.streets')} />
        </Panel>
        <Panel
          title={t('dash.card.funnel')}
          area="funnel"
          extra={
            d.funnel.closureRate === null
              ? t('dash.funnel.rateNone')
              : t('dash.funnel.rate', { rate: d.funnel.closureRate.toFixed(1) })
          }
        >
          <EChart option={options.funnel} height={CHART_H} ariaLabel={t('dash.card.funnel')} />
        </Panel>
        <Panel title={t('dash.card.bottom')} area="bottom" testId="bs-bottom">
          <Ranks rows={d.bottom} testId="bs-rank-bottom" />
        </Panel>
        <Panel title={t('dash.card.ratings')} area="ratings" extra={t('dash.card.ratingsNote')}>
          <EChart option={options.ratings} height={CHART_H} ariaLabel={t('dash.card.ratings')} />
        </Panel>
        <Panel title={t('dash.card.contest')} area="contest">
          {d.contest ? (
            <div className="wx-bs-contest">
              <div className="wx-bs-sub">{d.contest.name}</div>
              <div className="wx-bs-contest-groups">
                {d.contest.groups.map((g) => (
                  <div key={g.name} className="wx-bs-contest-group">
                    <div className="wx-bs-contest-name">{g.name}</div>
                    {g.top.length === 0 ? (
                      <div className="wx-bs-muted">{t('dash.contest.noResults')}</div>
                    ) : (
                      g.top.map((r) => (
                        <div key={`${r.rank}-${r.unitName}`} className="wx-bs-contest-row">
                          <span className={`wx-bs-rank wx-rank-${Math.min(r.rank, 4)}`}>{r.rank}</span>
                          <span className="wx-bs-rank-name">{r.unitName}</span>
                          <span className="wx-bs-rank-score">{r.total.toFixed(2)}</span>
                        </div>
                      ))
                    )}
                  </div>
                ))}
              </div>
            </div>
          ) : (
            <div className="wx-bs-muted">{t('dash.contest.none')}</div>
          )}
        </Panel>
        <Panel title={t('dash.card.courtyard')} area="courtyard">
          {d.courtyard ? (
            <div className="wx-bs-courtyard">
              <div className="wx-bs-sub">{d.courtyard.name}</div>
              <div className="wx-bs-mini-stats">
                {COURTYARD_FIELDS.map((f) => (
                  <div key={f} className="wx-bs-mini-stat">
                    <div className="wx-bs-mini-value">{d.courtyard?.[f]}</div>
                    <div className="wx-bs-mini-label">{t(`dash.courtyard.${f}`)}</div>
                  </div>
                ))}
              </div>
            </div>
          ) : (
            <div className="wx-bs-muted">{t('dash.courtyard.none')}</div>
          )}
        </Panel>
        <Panel
          title={t('dash.card.warnings')}
          area="warnings"
          extra={t('dash.warn.summary', {
            active: d.warnings.active,
            red: d.warnings.red,
            yellow: d.warnings.yellow,
          })}
          testId="bs-warnings"
        >
          {warnings.length === 0 ? (
            <div className="wx-bs-muted">{t('dash.warn.none')}</div>
          ) : (
            <ul className="wx-bs-warnings">
              {warnings.map((w) => (
                <li key={w.id}>
                  <span className={`wx-bs-level wx-${w.level}`}>
                    {t(w.level === 'red' ? 'dash.warn.red' : 'dash.warn.yellow')}
                  </span>
                  <span className="wx-bs-rank-name">
                    {w.unitName}
                    {w.streetName && <span className="wx-bs-rank-parent">{w.streetName}</span>}
                  </span>
                  <span className="wx-bs-warning-reasons">
                    {quarterLabel(t, w.quarter)} ·{' '}
                    {w.reasons.map((r) => t(`dash.warn.reason.${r}`)).join(t('common.enumSeparator'))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );
}
