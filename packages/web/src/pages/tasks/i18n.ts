import { use, useCallback, useMemo } from 'react';
import { format, type Lang, type MessageKey, type MessageParams, useI18n } from '../../i18n';
import { type TaskMessageKey, tasksZh } from '../../i18n/tasks.zh';

type TaskDictionary = Record<TaskMessageKey, string>;

let english: Promise<TaskDictionary> | null = null;

/** The English task messages: their own chunk, fetched once by those who chose English (Chinese if it fails). */
function loadEnglish(): Promise<TaskDictionary> {
  english ??= import('../../i18n/tasks.en').then(
    (m) => m.tasksEn,
    () => tasksZh,
  );
  return english;
}

function isTaskKey(key: string): key is TaskMessageKey {
  return Object.hasOwn(tasksZh, key);
}

/** Translates an app-wide or a 日常任务 message key. */
export type TasksTranslate = (key: MessageKey | TaskMessageKey, params?: MessageParams) => string;

/**
 * The translate function of the 日常任务 screens. Their messages travel with these lazily loaded pages, not
 * in the app-wide dictionary the login page carries; app-wide keys still go through `useI18n`.
 */
export function useTasksI18n(): { t: TasksTranslate; lang: Lang } {
  const { lang, t } = useI18n();
  // Suspends (the route's fallback shows) until the English messages are here, the first time only.
  const dict: TaskDictionary = lang === 'en' ? use(loadEnglish()) : tasksZh;
  const translate = useCallback<TasksTranslate>(
    (key, params) => (isTaskKey(key) ? format(dict[key], params) : t(key, params)),
    [dict, t],
  );
  return useMemo(() => ({ t: translate, lang }), [translate, lang]);
}
