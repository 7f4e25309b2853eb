import { DisconnectOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { format2 } from '@wuxing/core/rounding';
import { App, Tag } from 'antd';
import { useCallback, useRef } from 'react';
import type { ContestStatus, ParticipantState, TimerView } from '../../api/types';
import { contestKeys } from './api';
import { useContestI18n } from './i18n';
import type { CountdownState } from './timer';
import { type ContestEvent, useContestEvents } from './useContestEvents';
import './contests.css';

const STATUS_COLOR: Record<ContestStatus, string> = {
  draft: 'default',
  running: 'processing',
  finished: 'warning',
  announced: 'success',
};

/** 筹备中 / 进行中 / 已结束 / 已公布. */
export function ContestStatusTag({ status }: { status: ContestStatus }) {
  const { t } = useContestI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`contest.status.${status}`)}</Tag>;
}

const STATE_COLOR: Record<ParticipantState, string> = {
  waiting: 'default',
  speaking: 'blue',
  scoring: 'orange',
  closed: 'green',
};

/** 待汇报 / 汇报中 / 评分中 / 已完成. */
export function UnitStateTag({ state }: { state: ParticipantState }) {
  const { t } = useContestI18n();
  return <Tag color={STATE_COLOR[state]}>{t(`contest.unitState.${state}`)}</Tag>;
}

/** A small "重新连接中…" sign shown while the live stream is down. */
export function Reconnecting({ connected, dark = false }: { connected: boolean; dark?: boolean }) {
  const { t } = useContestI18n();
  if (connected) return null;
  return (
    <span role="status" className={dark ? 'wx-live-down wx-live-down-dark' : 'wx-live-down'}>
      <DisconnectOutlined /> {t('live.reconnecting')}
    </span>
  );
}

/** Points with two decimals (core rounding), e.g. 62.40. */
export const points = (value: number | null | undefined) => (value == null ? '—' : format2(value));

/** The countdown fields of a timer view. */
export function countdownOf(timer: TimerView | undefined): CountdownState | null {
  if (!timer) return null;
  return { running: timer.status === 'running', startedAt: timer.startedAt, remainingMs: timer.remainingMs };
}

/**
 * Follows a logged-in contest's live events: any event refreshes the contest's queries; a `timer` event
 * moves cached countdowns at once (its payload is the timer state). `also` sees every event too.
 */
export function useLiveContest(code: string, enabled = true, also?: (event: ContestEvent) => void) {
  const client = useQueryClient();
  const onChange = useCallback(() => {
    void client.invalidateQueries({ queryKey: contestKeys.all(code) });
  }, [client, code]);
  const alsoRef = useRef(also);
  alsoRef.current = also;
  const onEvent = useCallback(
    (event: ContestEvent) => {
      alsoRef.current?.(event);
      if (event.kind !== 'timer') return;
      applyTimer(client, contestKeys.console(code), event.data);
      applyTimer(client, contestKeys.judge(code), event.data);
    },
    [client, code],
  );
  return useContestEvents(
    enabled ? `/api/contests/${encodeURIComponent(code)}/events` : null,
    onChange,
    onEvent,
  );
}

/** Writes a timer event's state into a cached view that has a `timer` (the countdown moves before the refetch). */
export function applyTimer(
  client: ReturnType<typeof useQueryClient>,
  key: readonly unknown[],
  payload: unknown,
): void {
  if (!isTimerPayload(payload)) return;
  client.setQueryData<{ timer: TimerView }>(key, (old) =>
    old
      ? {
          ...old,
          timer: {
            ...old.timer,
            status: payload.status,
            startedAt: payload.startedAt,
            remainingMs: payload.remainingMs,
            speechSeconds: payload.speechSeconds,
          },
        }
      : old,
  );
}

function isTimerPayload(value: unknown): value is Omit<TimerView, 'serverNow'> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    'remainingMs' in value &&
    typeof (value as { remainingMs: unknown }).remainingMs === 'number'
  );
}

/** Copies text to the clipboard, saying whether it worked. */
export function useCopy() {
  const { message } = App.useApp();
  const { t } = useContestI18n();
  return useCallback(
    (text: string) => {
      // The clipboard exists only on secure pages (HTTPS or localhost): elsewhere the text stays to select.
      if (!navigator.clipboard) {
        void message.warning(t('contest.setup.copyFailed'));
        return;
      }
      navigator.clipboard.writeText(text).then(
        () => void message.success(t('contest.setup.copied')),
        () => void message.warning(t('contest.setup.copyFailed')),
      );
    },
    [message, t],
  );
}
