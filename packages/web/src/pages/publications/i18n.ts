import { use, useCallback, useMemo } from 'react';
import { format, type Lang, type MessageKey, type MessageParams, useI18n } from '../../i18n';
import { type PublicationMessageKey, publicationsZh } from '../../i18n/publications.zh';

type PublicationDictionary = Record<PublicationMessageKey, string>;

let english: Promise<PublicationDictionary> | null = null;

/** The English 公示 messages: their own chunk, fetched once by those who chose English (Chinese if it fails). */
function loadEnglish(): Promise<PublicationDictionary> {
  english ??= import('../../i18n/publications.en').then(
    (m) => m.publicationsEn,
    () => publicationsZh,
  );
  return english;
}

function isPublicationKey(key: string): key is PublicationMessageKey {
  return Object.hasOwn(publicationsZh, key);
}

/** Translates an app-wide or a 公示 message key. */
export type PublicationsTranslate = (
  key: MessageKey | PublicationMessageKey,
  params?: MessageParams,
) => string;

/** The translate function of the 公示 screens (their messages load with these pages, not with the login page). */
export function usePublicationsI18n(): { t: PublicationsTranslate; lang: Lang } {
  const { lang, t } = useI18n();
  const dict: PublicationDictionary = lang === 'en' ? use(loadEnglish()) : publicationsZh;
  const translate = useCallback<PublicationsTranslate>(
    (key, params) => (isPublicationKey(key) ? format(dict[key], params) : t(key, params)),
    [dict, t],
  );
  return useMemo(() => ({ t: translate, lang }), [translate, lang]);
}
