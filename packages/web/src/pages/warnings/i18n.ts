import { use, useCallback, useMemo } from 'react';
import { format, type Lang, type MessageKey, type MessageParams, useI18n } from '../../i18n';
import { type WarningMessageKey, warningsZh } from '../../i18n/warnings.zh';

type WarningDictionary = Record<WarningMessageKey, string>;

let english: Promise<WarningDictionary> | null = null;

/** The English warning messages: their own chunk, fetched once by those who chose English (Chinese if it fails). */
function loadEnglish(): Promise<WarningDictionary> {
  english ??= import('../../i18n/warnings.en').then(
    (m) => m.warningsEn,
    () => warningsZh,
  );
  return english;
}

function isWarningKey(key: string): key is WarningMessageKey {
  return Object.hasOwn(warningsZh, key);
}

/** Translates an app-wide or a 预警 message key. */
export type WarningsTranslate = (key: MessageKey | WarningMessageKey, params?: MessageParams) => string;

/**
 * The translate function of the 预警 screens. Their messages travel with these lazily loaded pages, not
 * in the app-wide dictionary the login page carries; app-wide keys still go through `useI18n`.
 */
export function useWarningsI18n(): { t: WarningsTranslate; lang: Lang } {
  const { lang, t } = useI18n();
  // Suspends (the route's fallback shows) until the English messages are here, the first time only.
  const dict: WarningDictionary = lang === 'en' ? use(loadEnglish()) : warningsZh;
  const translate = useCallback<WarningsTranslate>(
    (key, params) => (isWarningKey(key) ? format(dict[key], params) : t(key, params)),
    [dict, t],
  );
  return useMemo(() => ({ t: translate, lang }), [translate, lang]);
}
