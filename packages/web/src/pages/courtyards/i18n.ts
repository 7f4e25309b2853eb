import { lazyEnglish, type PageTranslate, usePageI18n } from '../../i18n/pageI18n';
import { type CourtyardMessageKey, courtyardZh } from './courtyard.zh';

const english = lazyEnglish(courtyardZh, () => import('./courtyard.en').then((m) => m.courtyardEn));

/** Translates an app-wide or one of these pages' own message keys. */
export type CourtyardTranslate = PageTranslate<CourtyardMessageKey>;

/**
 * The translate function of the 五美庭院 screens: their messages travel with these lazily loaded pages, not in
 * the app-wide dictionary the login page carries; app-wide keys still go through `useI18n`.
 */
export function useCourtyardI18n() {
  return usePageI18n(courtyardZh, english);
}
