import { type CountdownTimer, countdownRemainingMs } from '@wuxing/core/contest';
import { useEffect, useState } from 'react';

/** What a countdown needs of the contest timer (core's, shared with the server). */
export type CountdownState = CountdownTimer;

/** Milliseconds left at `serverNow` (ms since epoch on the server's clock), never below zero. */
export function remainingAt(timer: CountdownState, serverNow: number): number {
  return countdownRemainingMs(timer, serverNow);
}

/** `m:ss` of a number of milliseconds, rounded up to the second (a countdown shows 0:00 only at the end). */
export function formatCountdown(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/**
 * The server clock's lead over this browser's, from a server time read in an answer: `serverTime` minus the
 * middle of the request (`sentAt`..`receivedAt`, browser ms). Clients count down on the server's clock.
 */
export function clockOffset(serverTime: string, sentAt: number, receivedAt: number): number {
  return Date.parse(serverTime) - (sentAt + receivedAt) / 2;
}

/**
 * Milliseconds left on a timer, re-rendered a few times a second while it runs. The clock is read at each
 * render (the tick only asks for one), so a timer that has just started never shows a stale moment.
 */
export function useCountdown(timer: CountdownState | null | undefined, offsetMs: number): number {
  const [, setTick] = useState(0);
  const running = Boolean(timer?.running);
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setTick((n) => n + 1), 200);
    return () => clearInterval(id);
  }, [running]);
  if (!timer) return 0;
  return remainingAt(timer, Date.now() + offsetMs);
}
