import { lazyEnglish, type PageTranslate, usePageI18n } from '../../i18n/pageI18n';
import { type WarningMessageKey, warningsZh } from '../../i18n/warnings.zh';

const english = lazyEnglish(warningsZh, () => import('../../i18n/warnings.en').then((m) => m.warningsEn));

/** Translates an app-wide or one of these pages' own message keys. */
export type WarningsTranslate = PageTranslate<WarningMessageKey>;

/**
 * The translate function of the 预警 screens. Their messages travel with these lazily loaded pages, not
 * in the app-wide dictionary the login page carries; app-wide keys still go through `useI18n`.
 */
export function useWarningsI18n() {
  return usePageI18n(warningsZh, english);
}
