import { lazyEnglish, type PageTranslate, usePageI18n } from '../../i18n/pageI18n';
import { type CadreMessageKey, cadreZh } from './messages.zh';

const english = lazyEnglish(cadreZh, () => import('./messages.en').then((m) => m.cadreEn));

/** The translate function of the 联村干部 pages. */
export function useCadreI18n() {
  return usePageI18n(cadreZh, english);
}
export type CadreTranslate = PageTranslate<CadreMessageKey>;
