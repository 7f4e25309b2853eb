import { use, useCallback, useMemo } from 'react';
import { format, type Lang, type MessageParams } from './format';
import { type MessageKey, useI18n } from './index';

/** Translates an app-wide key or one of a page's own keys. */
export type PageTranslate<K extends string> = (key: MessageKey | K, params?: MessageParams) => string;

/** Fetches a page group's English messages once (its own chunk); Chinese if that fails. */
export function lazyEnglish<K extends string>(
  zh: Record<K, string>,
  load: () => Promise<Record<K, string>>,
): () => Promise<Record<K, string>> {
  let english: Promise<Record<K, string>> | null = null;
  return () => {
    english ??= load().catch(() => zh);
    return english;
  };
}

/**
 * The translate function of a group of lazily loaded pages whose messages travel with them, not in the app-wide
 * dictionary the login page carries: Chinese built in, English fetched by `english` (from `lazyEnglish`) for
 * those who chose it. App-wide keys still go through `useI18n`.
 */
export function usePageI18n<K extends string>(
  zh: Record<K, string>,
  english: () => Promise<Record<K, string>>,
): { t: PageTranslate<K>; lang: Lang } {
  const { lang, t } = useI18n();
  // Suspends (the route's fallback shows) until the English messages are here, the first time only.
  const dict = lang === 'en' ? use(english()) : zh;
  const translate = useCallback<PageTranslate<K>>(
    (key, params) => (Object.hasOwn(zh, key) ? format(dict[key as K], params) : t(key as MessageKey, params)),
    [zh, dict, t],
  );
  return useMemo(() => ({ t: translate, lang }), [translate, lang]);
}
