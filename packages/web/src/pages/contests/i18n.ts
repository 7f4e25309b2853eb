import { use, useCallback, useMemo } from 'react';
import { format, type Lang, type MessageKey, type MessageParams, useI18n } from '../../i18n';
import { type ContestMessageKey, contestZh } from './messages.zh';

type ContestDictionary = Record<ContestMessageKey, string>;

let english: Promise<ContestDictionary> | null = null;

/** The English contest messages: their own chunk, fetched once by those who chose English (Chinese if it fails). */
function loadEnglish(): Promise<ContestDictionary> {
  english ??= import('./messages.en').then(
    (m) => m.contestEn,
    () => contestZh,
  );
  return english;
}

function isContestKey(key: string): key is ContestMessageKey {
  return Object.hasOwn(contestZh, key);
}

/** Translates an app-wide or a 擂台赛 message key. */
export type ContestTranslate = (key: MessageKey | ContestMessageKey, params?: MessageParams) => string;

/**
 * The translate function of the 擂台赛 screens. Their messages travel with these lazily loaded pages, not in
 * the app-wide dictionary the login page carries; app-wide keys still go through `useI18n`.
 */
export function useContestI18n(): { t: ContestTranslate; lang: Lang } {
  const { lang, t } = useI18n();
  // Suspends (the route's fallback shows) until the English messages are here, the first time only.
  const dict: ContestDictionary = lang === 'en' ? use(loadEnglish()) : contestZh;
  const translate = useCallback<ContestTranslate>(
    (key, params) => (isContestKey(key) ? format(dict[key], params) : t(key, params)),
    [dict, t],
  );
  return useMemo(() => ({ t: translate, lang }), [translate, lang]);
}
