import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadFile } from '../../api/client';
import type {
  AddJudgeBody,
  ConsistencyView,
  ConsoleView,
  ContestDetailView,
  ContestImportResultView,
  ContestListView,
  ContestResultsView,
  CreateContestBodyInput,
  HonourBody,
  HonourListView,
  JudgeAddedView,
  JudgeContestListView,
  JudgeContestView,
  JudgeLinkView,
  OverallView,
  ScoreResultView,
  ScreenView,
  TimerAction,
  TimerView,
} from '../../api/types';
import { clockOffset } from './timer';

/**
 * Query keys of 擂台赛. Everything of one contest starts with `['contest', code]`, so a live event (or any
 * write) refreshes the contest's every view at once.
 */
export const contestKeys = {
  list: ['contests'] as const,
  all: (code: string) => ['contest', code] as const,
  detail: (code: string) => ['contest', code, 'detail'] as const,
  console: (code: string) => ['contest', code, 'console'] as const,
  results: (code: string) => ['contest', code, 'results'] as const,
  consistency: (code: string) => ['contest', code, 'consistency'] as const,
  honours: (code: string) => ['contest', code, 'honours'] as const,
  judge: (code: string) => ['contest', code, 'judge'] as const,
  judgeList: ['judge-contests'] as const,
  overall: (year: number) => ['contest-overall', year] as const,
  screen: (token: string) => ['screen', token] as const,
};

/** `/api/contests/:code…`. */
export const contestPath = (code: string, rest = '') => `/api/contests/${encodeURIComponent(code)}${rest}`;
const unitPath = (code: string, unitCode: string, rest = '') =>
  contestPath(code, `/units/${encodeURIComponent(unitCode)}${rest}`);

/** A view with the server's clock lead over this browser (for countdowns). */
export type Clocked<T> = T & { clockOffsetMs: number };

/** GETs a view that carries `timer.serverNow` and notes the server clock's lead over this browser. */
async function getClocked<T extends { timer: TimerView }>(path: string): Promise<Clocked<T>> {
  const sentAt = Date.now();
  const view = await api.get<T>(path);
  return { ...view, clockOffsetMs: clockOffset(view.timer.serverNow, sentAt, Date.now()) };
}

export function useContests() {
  return useQuery({ queryKey: contestKeys.list, queryFn: () => api.get<ContestListView>('/api/contests') });
}

export function useContestDetail(code: string) {
  return useQuery({
    queryKey: contestKeys.detail(code),
    queryFn: () => api.get<ContestDetailView>(contestPath(code)),
  });
}

export function useConsole(code: string) {
  return useQuery({
    queryKey: contestKeys.console(code),
    queryFn: () => getClocked<ConsoleView>(contestPath(code, '/console')),
  });
}

export function useResults(code: string, enabled = true) {
  return useQuery({
    queryKey: contestKeys.results(code),
    queryFn: () => api.get<ContestResultsView>(contestPath(code, '/results')),
    enabled,
  });
}

export function useConsistency(code: string, enabled = true) {
  return useQuery({
    queryKey: contestKeys.consistency(code),
    queryFn: () => api.get<ConsistencyView>(contestPath(code, '/consistency')),
    enabled,
  });
}

export function useHonours(code: string, enabled = true) {
  return useQuery({
    queryKey: contestKeys.honours(code),
    queryFn: () => api.get<HonourListView>(contestPath(code, '/honours')),
    enabled,
  });
}

export function useOverall(year: number) {
  return useQuery({
    queryKey: contestKeys.overall(year),
    queryFn: () => api.get<OverallView>(`/api/contest-years/${year}/overall`),
  });
}

export function useJudgeContests() {
  return useQuery({
    queryKey: contestKeys.judgeList,
    queryFn: () => api.get<JudgeContestListView>('/api/judge/contests'),
  });
}

export function useJudgeView(code: string | undefined) {
  return useQuery({
    queryKey: contestKeys.judge(code ?? ''),
    queryFn: () => getClocked<JudgeContestView>(contestPath(code ?? '', '/judge')),
    enabled: Boolean(code),
  });
}

/** The public big-screen state (no login). */
export function useScreen(token: string) {
  return useQuery({
    queryKey: contestKeys.screen(token),
    queryFn: async () => {
      const sentAt = Date.now();
      const view = await api.get<ScreenView>(`/api/screens/${encodeURIComponent(token)}`, {
        redirectOn401: false,
      });
      return { ...view, clockOffsetMs: clockOffset(view.timer.serverNow, sentAt, Date.now()) };
    },
    retry: (count, error) =>
      !(error instanceof Error && 'status' in error && error.status === 404) && count < 3,
  });
}

/** Export and template links. */
export const contestLinks = {
  resultsXlsx: (code: string) => contestPath(code, '/results?format=xlsx'),
  overallXlsx: (year: number) => `/api/contest-years/${year}/overall?format=xlsx`,
  honourTemplate: (code: string) => contestPath(code, '/honours/template'),
  cadreTemplate: (code: string) => contestPath(code, '/cadre/template'),
};

/** Every write to a contest refreshes all of its views (and the list). */
function useContestWrite<TBody, TResult>(code: string, send: (body: TBody) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: contestKeys.all(code) }),
        client.invalidateQueries({ queryKey: contestKeys.list }),
      ]);
    },
  });
}

export function useCreateContest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateContestBodyInput) => api.post<ContestDetailView>('/api/contests', body),
    onSuccess: () => client.invalidateQueries({ queryKey: contestKeys.list }),
  });
}

export const useSaveGoals = (code: string) =>
  useContestWrite(code, ({ unitCode, goals }: { unitCode: string; goals: string }) =>
    api.put<ContestDetailView>(unitPath(code, unitCode, '/goals'), { goals }),
  );

export const useAddJudge = (code: string) =>
  useContestWrite(code, (body: AddJudgeBody) => api.post<JudgeAddedView>(contestPath(code, '/judges'), body));

export const useNewJudgeLink = (code: string) =>
  useContestWrite(code, (userId: string) =>
    api.post<JudgeLinkView | JudgeAddedView>(contestPath(code, `/judges/${encodeURIComponent(userId)}/link`)),
  );

export const useRemoveJudge = (code: string) =>
  useContestWrite(code, (userId: string) =>
    api.delete<unknown>(contestPath(code, `/judges/${encodeURIComponent(userId)}`)),
  );

export const useDrawLots = (code: string) =>
  useContestWrite(code, (seed: string | undefined) =>
    api.post<ContestDetailView>(contestPath(code, '/lots'), seed ? { seed } : {}),
  );

/** A new big-screen link: the old one stops working. */
export const useNewScreenLink = (code: string) =>
  useContestWrite(code, () => api.post<ContestDetailView>(contestPath(code, '/screen-token')));

export const useAddHonour = (code: string) =>
  useContestWrite(code, (body: HonourBody) => api.post<unknown>(contestPath(code, '/honours'), body));

export const useDeleteHonour = (code: string) =>
  useContestWrite(code, (id: string) =>
    api.delete<unknown>(contestPath(code, `/honours/${encodeURIComponent(id)}`)),
  );

export const useImportHonours = (code: string) =>
  useContestWrite(code, (file: File) =>
    uploadFile<ContestImportResultView>(contestPath(code, '/honours/import'), file, () => undefined),
  );

export const useImportCadre = (code: string) =>
  useContestWrite(code, (file: File) =>
    uploadFile<ContestImportResultView>(contestPath(code, '/cadre/import'), file, () => undefined),
  );

/** The host's actions (each answers the console view or the contest; the pages refetch either way). */
export function useHostActions(code: string) {
  return {
    start: useContestWrite(code, () => api.post<unknown>(contestPath(code, '/start'))),
    call: useContestWrite(code, (unitCode: string | undefined) =>
      api.post<unknown>(contestPath(code, '/call'), unitCode ? { unitCode } : {}),
    ),
    timer: useContestWrite(code, (action: TimerAction) =>
      api.post<unknown>(contestPath(code, '/timer'), { action }),
    ),
    open: useContestWrite(code, (unitCode: string) => api.post<unknown>(unitPath(code, unitCode, '/open'))),
    close: useContestWrite(code, ({ unitCode, force }: { unitCode: string; force: boolean }) =>
      api.post<unknown>(unitPath(code, unitCode, '/close'), { force }),
    ),
    unlock: useContestWrite(
      code,
      ({ unitCode, judgeId, reason }: { unitCode: string; judgeId: string; reason: string }) =>
        api.post<unknown>(unitPath(code, unitCode, `/scores/${encodeURIComponent(judgeId)}/unlock`), {
          reason,
        }),
    ),
    finish: useContestWrite(code, () => api.post<unknown>(contestPath(code, '/finish'))),
    announce: useContestWrite(code, () => api.post<unknown>(contestPath(code, '/announce'))),
  };
}

/** A judge's score for a unit (idempotent by key: a retry of the same submission is answered, not doubled). */
export const useSubmitScore = (code: string) =>
  useContestWrite(
    code,
    ({ unitCode, score, idempotencyKey }: { unitCode: string; score: number; idempotencyKey: string }) =>
      api.post<ScoreResultView>(unitPath(code, unitCode, '/scores'), { score, idempotencyKey }),
  );
