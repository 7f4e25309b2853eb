import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api/client';
import type {
  CancelTaskBody,
  ReviewTaskBody,
  SubmitTaskBody,
  TaskBodyInput,
  TaskDetailView,
  TaskListView,
  TaskReminderView,
  TaskView,
  UnitTaskDetailView,
  UnitTaskListView,
  UpdateTaskBody,
} from '../api/types';
import { queryKeys } from './queryKeys';

/** Filters of the task list as the page keeps them (strings from the address bar). */
export interface TaskFilters {
  month?: string;
  star?: string;
  status?: string;
}

/**
 * Query keys of 日常任务. Everything but the reminder badge lives under the campaign's data key, so a task
 * write (which moves the 日常任务 item in the ledger) refreshes rankings and profiles too.
 */
export const taskKeys = {
  reminders: ['task-reminders'] as const,
  all: (code: string) => ['campaign', code, 'tasks'] as const,
  list: (code: string, f: TaskFilters) => ['campaign', code, 'tasks', 'list', f] as const,
  detail: (code: string, id: string) => ['campaign', code, 'tasks', 'detail', id] as const,
  unitList: (code: string, unit: string) => ['campaign', code, 'tasks', 'unit', unit] as const,
  unitTask: (code: string, id: string, unit: string) =>
    ['campaign', code, 'tasks', 'unit-task', id, unit] as const,
};

const base = (code: string) => `/api/campaigns/${encodeURIComponent(code)}`;
const taskPath = (code: string, id: string) => `${base(code)}/tasks/${encodeURIComponent(id)}`;
const unitTaskPath = (code: string, id: string, unit: string) =>
  `${taskPath(code, id)}/units/${encodeURIComponent(unit)}`;

/** The campaign's tasks with their progress over the units in the viewer's scope. */
export function useTaskList(code: string | undefined, filters: TaskFilters) {
  return useQuery({
    queryKey: taskKeys.list(code ?? '', filters),
    queryFn: () => api.get<TaskListView>(`${base(code ?? '')}/tasks${query({ ...filters })}`),
    enabled: Boolean(code),
    placeholderData: keepPreviousData,
  });
}

/** One task with every addressed unit in the viewer's scope. */
export function useTask(code: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: taskKeys.detail(code ?? '', id ?? ''),
    queryFn: () => api.get<TaskDetailView>(taskPath(code ?? '', id ?? '')),
    enabled: Boolean(code && id),
  });
}

/** The Excel (or CSV) export of a task's per-unit table. */
export const taskExportUrl = (code: string, id: string, format: 'xlsx' | 'csv') =>
  `${taskPath(code, id)}/export${query({ format })}`;

/** A unit's tasks of a campaign, with counts and reminders (the village's list). */
export function useUnitTasks(code: string | undefined, unitCode: string | undefined) {
  return useQuery({
    queryKey: taskKeys.unitList(code ?? '', unitCode ?? ''),
    queryFn: () =>
      api.get<UnitTaskListView>(`${base(code ?? '')}/units/${encodeURIComponent(unitCode ?? '')}/tasks`),
    enabled: Boolean(code && unitCode),
  });
}

/** One unit's task in full: every submission and review, and what the viewer may do. */
export function useUnitTask(code: string | undefined, id: string | undefined, unitCode: string | undefined) {
  return useQuery({
    queryKey: taskKeys.unitTask(code ?? '', id ?? '', unitCode ?? ''),
    queryFn: () => api.get<UnitTaskDetailView>(unitTaskPath(code ?? '', id ?? '', unitCode ?? '')),
    enabled: Boolean(code && id && unitCode),
  });
}

/** The village user's reminder badge: tasks due soon, overdue or returned (zeros for everyone else). */
export function useTaskReminders(enabled = true) {
  return useQuery({
    queryKey: taskKeys.reminders,
    queryFn: () => api.get<TaskReminderView>('/api/task-reminders'),
    enabled,
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}

/** After any task write: the campaign's tasks and ledger-derived views, and the reminder badge. */
function useRefresh(code: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.campaignData(code) }),
      client.invalidateQueries({ queryKey: taskKeys.reminders }),
    ]);
}

/** Issues a task (district admin). */
export function useCreateTask(code: string) {
  const refresh = useRefresh(code);
  return useMutation({
    mutationFn: (body: TaskBodyInput) => api.post<{ task: TaskView }>(`${base(code)}/tasks`, body),
    onSuccess: () => refresh(),
  });
}

/** Edits a task (with the version the editor saw). */
export function useUpdateTask(code: string) {
  const refresh = useRefresh(code);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateTaskBody }) =>
      api.put<{ task: TaskView }>(taskPath(code, id), body),
    onSuccess: () => refresh(),
  });
}

/** Cancels a task with a reason; it leaves every computation. */
export function useCancelTask(code: string) {
  const refresh = useRefresh(code);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CancelTaskBody }) =>
      api.post<{ task: TaskView }>(`${taskPath(code, id)}/cancel`, body),
    onSuccess: () => refresh(),
  });
}

/** The unit submits its completion (text, photos, documents): a new version each time. */
export function useSubmitTask(code: string, id: string, unitCode: string) {
  const refresh = useRefresh(code);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitTaskBody) =>
      api.post<UnitTaskDetailView>(`${unitTaskPath(code, id, unitCode)}/submissions`, body),
    onSuccess: (view) => {
      client.setQueryData(taskKeys.unitTask(code, id, unitCode), view);
      return refresh();
    },
  });
}

/** A reviewer scores the latest submission (or returns it). */
export function useReviewTask(code: string, id: string, unitCode: string) {
  const refresh = useRefresh(code);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewTaskBody) =>
      api.post<UnitTaskDetailView>(`${unitTaskPath(code, id, unitCode)}/reviews`, body),
    onSuccess: (view) => {
      client.setQueryData(taskKeys.unitTask(code, id, unitCode), view);
      return refresh();
    },
  });
}
