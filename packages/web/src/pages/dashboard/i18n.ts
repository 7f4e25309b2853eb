import { lazyEnglish, type PageTranslate, usePageI18n } from '../../i18n/pageI18n';
import { type DashboardMessageKey, dashboardZh } from './messages.zh';

const english = lazyEnglish(dashboardZh, () => import('./messages.en').then((m) => m.dashboardEn));

/** Translates an app-wide or one of these pages' own message keys. */
export type DashboardTranslate = PageTranslate<DashboardMessageKey>;

/**
 * The translate function of the 数据看板 screens. Their messages travel with these lazily loaded pages, not in
 * the app-wide dictionary the login page carries; app-wide keys still go through `useI18n`.
 */
export function useDashboardI18n() {
  return usePageI18n(dashboardZh, english);
}
