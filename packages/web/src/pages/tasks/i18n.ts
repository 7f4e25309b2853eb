import { lazyEnglish, type PageTranslate, usePageI18n } from '../../i18n/pageI18n';
import { type TaskMessageKey, tasksZh } from '../../i18n/tasks.zh';

const english = lazyEnglish(tasksZh, () => import('../../i18n/tasks.en').then((m) => m.tasksEn));

/** Translates an app-wide or one of these pages' own message keys. */
export type TasksTranslate = PageTranslate<TaskMessageKey>;

/**
 * The translate function of the 日常任务 screens. Their messages travel with these lazily loaded pages, not
 * in the app-wide dictionary the login page carries; app-wide keys still go through `useI18n`.
 */
export function useTasksI18n() {
  return usePageI18n(tasksZh, english);
}
