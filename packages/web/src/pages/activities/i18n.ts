import { lazyEnglish, type PageTranslate, usePageI18n } from '../../i18n/pageI18n';
import { type ActivityMessageKey, activityZh } from './messages.zh';

const english = lazyEnglish(activityZh, () => import('./messages.en').then((m) => m.activityEn));

/** The translate function of the 宣传活动 page. */
export function useActivityI18n() {
  return usePageI18n(activityZh, english);
}
export type ActivityTranslate = PageTranslate<ActivityMessageKey>;
