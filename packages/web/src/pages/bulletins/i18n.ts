import { lazyEnglish, type PageTranslate, usePageI18n } from '../../i18n/pageI18n';
import { type BulletinMessageKey, bulletinZh } from './messages.zh';

const english = lazyEnglish(bulletinZh, () => import('./messages.en').then((m) => m.bulletinEn));

/** Translates an app-wide or one of these pages' own message keys. */
export type BulletinTranslate = PageTranslate<BulletinMessageKey>;

/**
 * The translate function of the 月度通报 screens. Their messages travel with these lazily loaded pages, not in
 * the app-wide dictionary the login page carries; app-wide keys still go through `useI18n`.
 */
export function useBulletinI18n() {
  return usePageI18n(bulletinZh, english);
}
