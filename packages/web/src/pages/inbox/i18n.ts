import { use, useCallback, useMemo } from 'react';
import { format, type Lang, type MessageKey, type MessageParams, useI18n } from '../../i18n';
import { type InboxMessageKey, inboxZh } from '../../i18n/inbox.zh';

type InboxDictionary = Record<InboxMessageKey, string>;

let english: Promise<InboxDictionary> | null = null;

/** The English messages: their own chunk, fetched once by those who chose English (Chinese if it fails). */
function loadEnglish(): Promise<InboxDictionary> {
  english ??= import('../../i18n/inbox.en').then(
    (m) => m.inboxEn,
    () => inboxZh,
  );
  return english;
}

function isInboxKey(key: string): key is InboxMessageKey {
  return Object.hasOwn(inboxZh, key);
}

export type InboxTranslate = (key: MessageKey | InboxMessageKey, params?: MessageParams) => string;

/**
 * The translate function of the inbox and 结果运用 pages: their messages travel with these lazily loaded pages,
 * not in the login bundle; app-wide keys still go through `useI18n`.
 */
export function useInboxI18n(): { t: InboxTranslate; lang: Lang } {
  const { lang, t } = useI18n();
  const dict: InboxDictionary = lang === 'en' ? use(loadEnglish()) : inboxZh;
  const translate = useCallback<InboxTranslate>(
    (key, params) => (isInboxKey(key) ? format(dict[key], params) : t(key, params)),
    [dict, t],
  );
  return useMemo(() => ({ t: translate, lang }), [translate, lang]);
}
