/**
 * The organizer page's catalogues, one per language, and what the page receives in its data
 * block. Each catalogue has exactly the English one's keys (the type says so; a test checks).
 */
import { de } from './de.js';
import { ownEntry } from '../../../../core/messages/index.js';
import { en, type OrganizerStrings } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

export type { OrganizerStrings } from './en.js';
export const ORGANIZER_LOCALES: Readonly<Record<string, OrganizerStrings>> = { en, de, fr, es };

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
};

export interface OrganizerPageData {
  lang: string;
  languages: { code: string; name: string }[];
  strings: OrganizerStrings;
}

export function organizerPageData(lang: string): OrganizerPageData {
  return {
    lang,
    languages: Object.keys(ORGANIZER_LOCALES).map((code) => ({
      code,
      name: LANGUAGE_NAMES[code] ?? code,
    })),
    strings: ownEntry(ORGANIZER_LOCALES, lang) ?? en,
  };
}
