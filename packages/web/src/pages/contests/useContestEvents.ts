import { useEffect, useRef, useState } from 'react';

/** The kinds of event a contest's feed sends (see the design: every state change of a running contest). */
export const CONTEST_EVENT_KINDS = [
  'contest.status',
  'speaker.called',
  'timer',
  'unit.scoring',
  'score.submitted',
  'score.unlocked',
  'unit.closed',
  'lots.drawn',
  'results.announced',
  'contest.updated',
] as const;

export type ContestEventKind = (typeof CONTEST_EVENT_KINDS)[number];

/** One event as received: its kind and parsed JSON payload. */
export interface ContestEvent {
  id: string;
  kind: ContestEventKind;
  data: unknown;
}

/** How long a burst of events is gathered before one refresh (20 judges submitting make one refetch). */
const GATHER_MS = 150;

/**
 * Subscribes to a contest's Server-Sent Events at `url` (null: not yet). Every event means "something
 * changed": `onChange` runs once per burst, and `onEvent` (optional) sees each event as it comes, e.g. the
 * timer's state. The browser's EventSource reconnects by itself and sends `Last-Event-ID`, so the server
 * replays what was missed; when the server refused the stream (closed), a fresh one is opened after a pause,
 * and every reconnect also refreshes once. A `url` without `?lastEventId=` (the id its view was read at) also
 * refreshes once when it first opens, so no change between the view's request and the stream is lost.
 * Returns whether the stream is up (for a "重新连接中…" sign).
 */
export function useContestEvents(
  url: string | null,
  onChange: () => void,
  onEvent?: (event: ContestEvent) => void,
): { connected: boolean } {
  const [connected, setConnected] = useState(true);
  const changeRef = useRef(onChange);
  const eventRef = useRef(onEvent);
  changeRef.current = onChange;
  eventRef.current = onEvent;

  useEffect(() => {
    if (!url) return;
    let source: EventSource | null = null;
    let gather: ReturnType<typeof setTimeout> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let lastId: string | null = null;
    let opened = false;
    let stopped = false;
    const startsAfterView = new URLSearchParams(url.split('?')[1] ?? '').has('lastEventId');

    const changed = () => {
      gather ??= setTimeout(() => {
        gather = null;
        changeRef.current();
      }, GATHER_MS);
    };
    const onMessage = (message: MessageEvent<string>) => {
      if (message.lastEventId) lastId = message.lastEventId;
      let data: unknown = null;
      try {
        data = message.data ? JSON.parse(message.data) : null;
      } catch {
        data = null;
      }
      eventRef.current?.({ id: message.lastEventId, kind: message.type as ContestEventKind, data });
      changed();
    };
    const open = () => {
      if (stopped) return;
      // A stream opened anew after the server refused one resumes after the last event this page saw.
      const next = new EventSource(lastId ? withLastEventId(url, lastId) : url, { withCredentials: true });
      source = next;
      next.onopen = () => {
        setConnected(true);
        // A reconnect may have missed a change the replay cannot carry (e.g. the contest reset): refresh once.
        // So does the first open of a stream that starts at the newest event (no `lastEventId` of the view it
        // follows): a change between the view's request and this moment is in no event it will send.
        if (opened || !startsAfterView) changed();
        opened = true;
      };
      next.onerror = () => {
        setConnected(false);
        if (next.readyState === EventSource.CLOSED) {
          // Refused (logged out elsewhere, say): refresh, so the page meets the same answer and shows it.
          next.close();
          changed();
          retry = setTimeout(open, 3000);
        }
      };
      for (const kind of CONTEST_EVENT_KINDS) next.addEventListener(kind, onMessage);
    };
    open();
    return () => {
      stopped = true;
      if (gather) clearTimeout(gather);
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [url]);

  return { connected };
}

/** `url` with its `lastEventId` query parameter set to `id` (a reopened stream resumes after it). */
function withLastEventId(url: string, id: string): string {
  const [path, search = ''] = url.split('?');
  const params = new URLSearchParams(search);
  params.set('lastEventId', id);
  return `${path}?${params.toString()}`;
}
