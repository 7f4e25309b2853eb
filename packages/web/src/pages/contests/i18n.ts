import { lazyEnglish, type PageTranslate, usePageI18n } from '../../i18n/pageI18n';
import { type ContestMessageKey, contestZh } from './messages.zh';

const english = lazyEnglish(contestZh, () => import('./messages.en').then((m) => m.contestEn));

/** Translates an app-wide or one of these pages' own message keys. */
export type ContestTranslate = PageTranslate<ContestMessageKey>;

/**
 * The translate function of the 擂台赛 screens. Their messages travel with these lazily loaded pages, not in
 * the app-wide dictionary the login page carries; app-wide keys still go through `useI18n`.
 */
export function useContestI18n() {
  return usePageI18n(contestZh, english);
}
