/** Languages the UI can show; Chinese is the default. */
export type Lang = 'zh' | 'en';

/** Where the chosen language is remembered. */
export const STORAGE_KEY = 'wuxing.lang';

/** Values substituted into `{name}` placeholders of a message. */
export type MessageParams = Record<string, string | number>;

/** The language chosen earlier on this browser, Chinese when none (or storage is unavailable). */
export function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
