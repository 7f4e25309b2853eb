import type { Lang } from './format';
import { type MessageKey, zh } from './zh';

type Dictionary = Record<MessageKey, string>;

let english: Dictionary | null = null;

/**
 * Loads a language's messages. Chinese is built in; English is its own chunk, fetched only by those
 * who choose it, so the login page carries one dictionary.
 */
export async function loadDictionary(lang: Lang): Promise<void> {
  if (lang === 'en' && !english) english = (await import('./en')).en;
}

/** The messages of a language (Chinese until the English ones have been loaded). */
export function dictionary(lang: Lang): Dictionary {
  return lang === 'en' && english ? english : zh;
}
