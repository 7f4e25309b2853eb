import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { dictionary, loadDictionary } from './dictionaries';
import { format, type Lang, type MessageParams, readStoredLang, STORAGE_KEY } from './format';
import { type MessageKey, zh } from './zh';

export { loadDictionary } from './dictionaries';
export type { Lang, MessageParams } from './format';
export { format } from './format';
export type { MessageKey } from './zh';

/** Translates a message key, filling `{placeholders}` from params. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

/** True when a computed string is a known message key (for codes such as audit actions). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}

/** Provides the current language and the translate function; the choice persists in localStorage. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);
  const setLang = useCallback((next: Lang) => {
    // The English messages load on first use; the switch happens once they are here.
    loadDictionary(next)
      .catch(() => undefined)
      .then(() => {
        setLangState(next);
        try {
          window.localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Private mode: the choice lasts for this page only.
        }
        document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
      });
  }, []);
  const value = useMemo<I18nValue>(() => {
    const dict = dictionary(lang);
    return { lang, setLang, t: (key, params) => format(dict[key], params) };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translate function, language and setter from the nearest I18nProvider. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside I18nProvider');
  return value;
}
