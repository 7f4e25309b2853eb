import { use, useCallback, useMemo } from 'react';
import { format, type Lang, type MessageKey, type MessageParams, useI18n } from '../../i18n';
import { type CourtyardMessageKey, courtyardZh } from './courtyard.zh';

type CourtyardDictionary = Record<CourtyardMessageKey, string>;

let english: Promise<CourtyardDictionary> | null = null;

/** The English courtyard messages: their own chunk, fetched once by those who chose English (Chinese if it fails). */
function loadEnglish(): Promise<CourtyardDictionary> {
  english ??= import('./courtyard.en').then(
    (m) => m.courtyardEn,
    () => courtyardZh,
  );
  return english;
}

function isCourtyardKey(key: string): key is CourtyardMessageKey {
  return Object.hasOwn(courtyardZh, key);
}

/** Translates an app-wide or a 五美庭院 message key. */
export type CourtyardTranslate = (key: MessageKey | CourtyardMessageKey, params?: MessageParams) => string;

/**
 * The translate function of the 五美庭院 screens: their messages travel with these lazily loaded pages, not in
 * the app-wide dictionary the login page carries; app-wide keys still go through `useI18n`.
 */
export function useCourtyardI18n(): { t: CourtyardTranslate; lang: Lang } {
  const { lang, t } = useI18n();
  const dict: CourtyardDictionary = lang === 'en' ? use(loadEnglish()) : courtyardZh;
  const translate = useCallback<CourtyardTranslate>(
    (key, params) => (isCourtyardKey(key) ? format(dict[key], params) : t(key, params)),
    [dict, t],
  );
  return useMemo(() => ({ t: translate, lang }), [translate, lang]);
}
