import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { RoundDetailView, RoundSummaryView, SheetView } from '../api/types';
import { type Cached, cachedGet, cachedPaths, fetchAndCache } from '../offline/cache';
import { draftsOf, type SheetDraft } from '../offline/drafts';
import { getSyncSnapshot, onSynced, startSync, subscribeSync } from '../offline/engine';

/**
 * Data of the on-site scoring pages. Every answer is cached in IndexedDB per user, so the rounds, the
 * assigned units and their sheets open without a network once they have been seen online.
 */

export const inspectionKeys = {
  all: ['inspections'] as const,
  rounds: (owner: string) => ['inspections', owner, 'rounds'] as const,
  round: (owner: string, id: string) => ['inspections', owner, 'round', id] as const,
  sheet: (owner: string, roundId: string, unitCode: string) =>
    ['inspections', owner, 'sheet', roundId, unitCode] as const,
  drafts: (owner: string) => ['inspections', owner, 'drafts'] as const,
  cached: (owner: string) => ['inspections', owner, 'cached'] as const,
};

export const roundPath = (id: string) => `/api/rounds/${encodeURIComponent(id)}`;
export const sheetPath = (roundId: string, unitCode: string) =>
  `${roundPath(roundId)}/units/${encodeURIComponent(unitCode)}/sheet`;

/** The sync engine's state (queue, online, last sync); starts the engine on first use. */
export function useSyncState() {
  useEffect(() => startSync(), []);
  return useSyncExternalStore(subscribeSync, getSyncSnapshot, getSyncSnapshot);
}

/** Refreshes every query once something has synced (scores, problems and coverage moved on the server). */
export function useRefreshOnSync(): void {
  const client = useQueryClient();
  useEffect(() => onSynced(() => void client.invalidateQueries()), [client]);
}

/** Open rounds the user is assigned to (inspectors; street admins for their special rounds). */
export function useMyRounds(owner: string) {
  return useQuery({
    queryKey: inspectionKeys.rounds(owner),
    queryFn: () => cachedGet<{ rounds: RoundSummaryView[] }>(owner, '/api/rounds'),
    select: (cached: Cached<{ rounds: RoundSummaryView[] }>) => ({
      ...cached,
      value: cached.value.rounds.filter((r) => r.status === 'open' && r.mine !== null && r.mine.total > 0),
    }),
  });
}

/**
 * Closed rounds the user took part in, newest first: their sheets stay readable (and correctable with a
 * reason) after the round ends — an acceptance-team member looks back at the year-end acceptance this way.
 */
export function useMyClosedRounds(owner: string) {
  return useQuery({
    queryKey: inspectionKeys.rounds(owner),
    queryFn: () => cachedGet<{ rounds: RoundSummaryView[] }>(owner, '/api/rounds'),
    select: (cached: Cached<{ rounds: RoundSummaryView[] }>) =>
      cached.value.rounds
        .filter((r) => r.status === 'closed' && r.mine !== null && r.mine.total > 0)
        .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? '')),
  });
}

/** Each round's units and who is assigned (one query, so no extra query machinery loads with the app). */
export function useRoundDetails(owner: string, ids: readonly string[]) {
  return useQuery({
    queryKey: [...inspectionKeys.all, owner, 'rounds-detail', ids.join(',')],
    queryFn: () => Promise.all(ids.map((id) => cachedGet<RoundDetailView>(owner, roundPath(id)))),
    enabled: ids.length > 0,
  });
}

/** One unit's sheet as the inspector sees it. */
export function useSheet(owner: string, roundId: string, unitCode: string) {
  return useQuery({
    queryKey: inspectionKeys.sheet(owner, roundId, unitCode),
    queryFn: () => cachedGet<SheetView>(owner, sheetPath(roundId, unitCode)),
    enabled: Boolean(roundId && unitCode),
  });
}

/** The user's saved drafts (units being scored but not submitted). */
export function useDrafts(owner: string) {
  return useQuery({
    queryKey: inspectionKeys.drafts(owner),
    queryFn: async (): Promise<SheetDraft[]> => draftsOf(owner).catch(() => []),
    networkMode: 'always',
  });
}

/**
 * While online, fetches and caches the sheet of every given unit so it opens offline later; returns the
 * paths cached so far (also those cached on an earlier visit).
 */
export function usePrefetchSheets(owner: string, paths: readonly string[], online: boolean) {
  const [cached, setCached] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const joined = paths.join('\n');
  const mark = useCallback((path: string) => setCached((prev) => new Set(prev).add(path)), []);

  useEffect(() => {
    let stop = false;
    void cachedPaths(owner).then((known) => {
      if (!stop) setCached((prev) => new Set([...prev, ...known]));
    });
    return () => {
      stop = true;
    };
  }, [owner]);

  useEffect(() => {
    if (!online || !joined) return;
    let stop = false;
    setBusy(true);
    void (async () => {
      for (const path of joined.split('\n')) {
        if (stop) return;
        try {
          await fetchAndCache<SheetView>(owner, path);
          if (!stop) mark(path);
        } catch {
          // Offline again or refused: the next visit tries again.
        }
      }
      if (!stop) setBusy(false);
    })();
    return () => {
      stop = true;
    };
  }, [owner, joined, online, mark]);

  return { cached, busy };
}
