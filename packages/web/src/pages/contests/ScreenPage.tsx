import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useRef } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { GroupRankingView, ScreenView } from '../../api/types';
import { contestKeys, useScreen } from './api';
import { useContestI18n } from './i18n';
import { applyTimer, countdownOf, points, Reconnecting } from './parts';
import { formatCountdown, useCountdown } from './timer';
import { type ContestEvent, useContestEvents } from './useContestEvents';
import './screen.css';

/** Rows a group's live ranking shows on the screen (the rest are on the results page). */
const TOP_LIVE = 8;
const TOP_FINAL = 10;

/**
 * The hall's big screen (`/screen/:token`, no login, 1920×1080): the contest, who speaks now, a huge
 * countdown (red in the last minute), 已评 n/m while the jury scores, and each group's live ranking of closed
 * units; after the announcement the final ranking. Live by Server-Sent Events from the database.
 */
export function ScreenPage() {
  const { token = '' } = useParams();
  const { t } = useContestI18n();
  const client = useQueryClient();
  const screen = useScreen(token);
  const key = useMemo(() => contestKeys.screen(token), [token]);

  // Subscribe once, from the event id the first state was read at; the browser resumes after drops.
  const since = useRef<number | null>(null);
  if (screen.data && since.current === null) since.current = screen.data.lastEventId;
  const url =
    since.current === null
      ? null
      : `/api/screens/${encodeURIComponent(token)}/events?lastEventId=${since.current}`;
  const onChange = useCallback(() => {
    void client.invalidateQueries({ queryKey: key });
  }, [client, key]);
  const onEvent = useCallback(
    (event: ContestEvent) => {
      if (event.kind === 'timer') applyTimer(client, key, event.data);
    },
    [client, key],
  );
  const { connected } = useContestEvents(url, onChange, onEvent);

  useEffect(() => {
    document.body.classList.add('wx-screen-body');
    return () => document.body.classList.remove('wx-screen-body');
  }, []);
  const name = screen.data?.contest.name;
  useEffect(() => {
    if (name) document.title = name;
  }, [name]);

  if (screen.isPending) return <main className="wx-screen wx-screen-center" />;
  if (screen.isError) {
    const gone = screen.error instanceof ApiError && screen.error.status === 404;
    return (
      <main className="wx-screen wx-screen-center">
        <div className="wx-screen-message">{gone ? t('screen.notFound') : screen.error.message}</div>
      </main>
    );
  }
  const view = screen.data;
  return (
    <main className="wx-screen" data-status={view.contest.status}>
      <header className="wx-screen-header">
        <div className="wx-screen-title">{view.contest.name}</div>
        <div className="wx-screen-header-side">
          <Reconnecting connected={connected} dark />
          <span className="wx-screen-date">{view.contest.date}</span>
        </div>
      </header>
      {view.final ? (
        <FinalRanking view={view} />
      ) : (
        <>
          <Stage view={view} offsetMs={view.clockOffsetMs} />
          <section className="wx-screen-groups" aria-label={t('screen.ranking', { group: '' })}>
            {orderedRankings(view).map((group) => (
              <GroupBoard
                key={group.groupCode}
                group={group}
                top={TOP_LIVE}
                live
                current={view.current?.groupCode === group.groupCode}
              />
            ))}
          </section>
        </>
      )}
    </main>
  );
}

/** The groups' rankings in the contest's running order. */
function orderedRankings(view: ScreenView): GroupRankingView[] {
  return [...view.ranking].sort((a, b) => a.order - b.order);
}

/**
 * Who speaks now and, on the right, what the hall waits for: the countdown while the unit speaks (red in the
 * last minute), 已评 n/m while the jury scores, the unit's total once closed.
 */
function Stage({ view, offsetMs }: { view: ScreenView; offsetMs: number }) {
  const { t } = useContestI18n();
  const remaining = useCountdown(countdownOf(view.timer), offsetMs);
  const current = view.current;
  if (!current) {
    return (
      <section className="wx-screen-stage wx-screen-stage-idle">
        <div className="wx-screen-waiting">
          {view.contest.status === 'finished' ? t('screen.finished') : t('screen.waiting')}
        </div>
      </section>
    );
  }
  const timer = view.timer.status;
  const low = remaining < 60_000 && (timer === 'running' || timer === 'paused');
  const closedRow = view.ranking
    .find((g) => g.groupCode === current.groupCode)
    ?.rows.find((r) => r.unitCode === current.unitCode);
  const label =
    current.state === 'scoring'
      ? t('screen.scoring')
      : current.state === 'closed'
        ? t('screen.closed')
        : t('screen.current');
  let side: ReactNode;
  if (current.state === 'scoring' && view.scoring) {
    side = (
      <div className="wx-screen-progress" data-testid="screen-scoring">
        {t('screen.scoredOf', { scored: view.scoring.scoredCount, total: view.scoring.juryCount })}
      </div>
    );
  } else if (current.state === 'closed' && closedRow) {
    side = (
      <div className="wx-screen-result" data-testid="screen-result">
        <span className="wx-screen-result-label">{t('screen.total')}</span>
        {points(closedRow.total)}
      </div>
    );
  } else {
    side = (
      <div
        className={`wx-screen-countdown${low ? ' wx-low' : ''}${timer === 'ended' || timer === 'idle' ? ' wx-stopped' : ''}`}
        data-testid="screen-countdown"
        role="timer"
      >
        {formatCountdown(remaining)}
      </div>
    );
  }
  return (
    <section className="wx-screen-stage">
      <div className="wx-screen-speaker">
        <div className="wx-screen-label">
          {label} · {current.groupName}
          {current.lotOrder != null && (
            <span className="wx-screen-lot">{t('screen.lot', { lot: current.lotOrder })}</span>
          )}
        </div>
        <div className="wx-screen-unit" data-testid="screen-speaker">
          {current.unitName}
        </div>
      </div>
      {side}
    </section>
  );
}

/** One group's ranking of its closed units. */
function GroupBoard({
  group,
  top,
  live,
  current,
}: {
  group: GroupRankingView;
  top: number;
  live: boolean;
  current: boolean;
}) {
  const { t } = useContestI18n();
  const rows = group.rows.slice(0, top);
  return (
    <div
      className={`wx-screen-board${current ? ' wx-current' : ''}`}
      data-testid={`screen-group-${group.groupCode}`}
    >
      <div className="wx-screen-board-title">
        <span className="wx-screen-board-name">
          {t(live ? 'screen.ranking' : 'screen.final', { group: group.groupName })}
        </span>
        <span className="wx-screen-board-count">
          {group.rows.length}/{group.unitCount}
        </span>
      </div>
      {rows.length === 0 ? (
        <div className="wx-screen-board-empty">{t('screen.noneClosed')}</div>
      ) : (
        <ol className="wx-screen-rows">
          {rows.map((row) => (
            <li key={row.unitCode} className={`wx-screen-row wx-rank-${Math.min(row.rank, 4)}`}>
              <span className="wx-screen-rank">{row.rank}</span>
              <span className="wx-screen-row-name">{row.unitName}</span>
              <span className="wx-screen-row-total">{points(row.total)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** After the announcement: every group's final ranking. */
function FinalRanking({ view }: { view: ScreenView }) {
  const { t } = useContestI18n();
  return (
    <>
      <div className="wx-screen-final-title">{t('screen.announced')}</div>
      <section className="wx-screen-groups wx-screen-groups-final">
        {orderedRankings(view).map((group) => (
          <GroupBoard key={group.groupCode} group={group} top={TOP_FINAL} live={false} current={false} />
        ))}
      </section>
    </>
  );
}
