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

export function messagesFor(lang: string | null | undefined): ServerMessages {
  // Own keys only: "constructor" is in every object, and a language comes from outside.
  return (lang && Object.hasOwn(SERVER_MESSAGES, lang) ? SERVER_MESSAGES[lang] : undefined) ?? en;
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
