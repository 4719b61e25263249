/**
 * The server's own texts per language, and `message()` to fill their `{name}` placeholders.
 * Unknown languages fall back to English.
 */
import { de } from './de.js';
import { en, type ServerMessages } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

export type { ServerMessages } from './en.js';
export const SERVER_MESSAGES: Readonly<Record<string, ServerMessages>> = { en, de, fr, es };
export const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A language's entry in a table keyed by language (catalogues, locales): its own keys only, as
 * a language comes from outside and "constructor" or "__proto__" is in every object.
 */
export function ownEntry<T>(
  table: Readonly<Record<string, T>>,
  lang: string | null | undefined,
): T | undefined {
  return lang && Object.hasOwn(table, lang) ? table[lang] : undefined;
}

export function messagesFor(lang: string | null | undefined): ServerMessages {
  return ownEntry(SERVER_MESSAGES, lang) ?? en;
}

export function message(
  lang: string | null | undefined,
  key: keyof ServerMessages,
  vars: Record<string, string | number> = {},
): string {
  return messagesFor(lang)[key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in vars ? String(vars[name]) : m,
  );
}
