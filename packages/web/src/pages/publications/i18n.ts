import { lazyEnglish, type PageTranslate, usePageI18n } from '../../i18n/pageI18n';
import { type PublicationMessageKey, publicationsZh } from '../../i18n/publications.zh';

const english = lazyEnglish(publicationsZh, () =>
  import('../../i18n/publications.en').then((m) => m.publicationsEn),
);

/** Translates an app-wide or one of these pages' own message keys. */
export type PublicationsTranslate = PageTranslate<PublicationMessageKey>;

/** The translate function of the 公示 screens (their messages load with these pages, not with the login page). */
export function usePublicationsI18n() {
  return usePageI18n(publicationsZh, english);
}
