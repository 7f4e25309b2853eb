import { type InboxMessageKey, inboxZh } from '../../i18n/inbox.zh';
import { lazyEnglish, type PageTranslate, usePageI18n } from '../../i18n/pageI18n';

const english = lazyEnglish(inboxZh, () => import('../../i18n/inbox.en').then((m) => m.inboxEn));

/** Translates an app-wide or one of these pages' own message keys. */
export type InboxTranslate = PageTranslate<InboxMessageKey>;

/**
 * The translate function of the inbox and 结果运用 pages: their messages travel with these lazily loaded pages,
 * not in the login bundle; app-wide keys still go through `useI18n`.
 */
export function useInboxI18n() {
  return usePageI18n(inboxZh, english);
}
