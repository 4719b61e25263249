/**
 * The organizer page's language: the server picks it (remembered choice, else Accept-Language)
 * and sends that catalogue in the page's data block. `t(key, vars)` formats ICU MessageFormat
 * (plurals, selects) with intl-messageformat; dates and times go through Intl in that locale.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { OrganizerStrings } from '../../src/adapters/http/i18n/organizer/en.js';
import type { OrganizerPageData } from '../../src/adapters/http/i18n/organizer/index.js';
import { pickLanguage } from '../language-choice.js';
import { el } from './dom.js';

export type Key = keyof OrganizerStrings;

let data: OrganizerPageData | undefined;
const cache = new Map<string, IntlMessageFormat>();

function pageData(): OrganizerPageData {
  if (data) return data;
  const block = document.getElementById('callink-organizer-data');
  data = block?.textContent
    ? (JSON.parse(block.textContent) as OrganizerPageData)
    : { lang: 'en', languages: [{ code: 'en', name: 'English' }], strings: {} as OrganizerStrings };
  return data;
}

/** The page's locale, e.g. "fr". */
export function lang(): string {
  return pageData().lang;
}

/**
 * The locale for dates and numbers: the browser's own variant of the page's language when it
 * has one (en-GB writes 09:00, en-US 9:00 AM), else the language itself.
 */
export function intlLocale(): string {
  const l = lang();
  const mine = (navigator.languages ?? [navigator.language]).find(
    (n) => n.toLowerCase() === l || n.toLowerCase().startsWith(`${l}-`),
  );
  return mine ?? l;
}

/** A translated message; `{name}` and ICU plurals filled in from vars. Unknown keys show as is. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  const text = pageData().strings[key];
  if (text === undefined) return key;
  let format = cache.get(key);
  if (!format) {
    // Tags are text here ("Name <email>"): the page never takes markup from a catalogue.
    format = new IntlMessageFormat(text, lang(), undefined, { ignoreTag: true });
    cache.set(key, format);
  }
  return String(format.format(vars));
}

/** Date and time in the reader's locale (and the browser's zone unless one is given). */
export function formatWhen(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}

/** A local wall-clock time `yyyy-MM-ddTHH:mm(:ss)` shown as is (it is already in its zone). */
export function formatLocal(local: string, style: 'full' | 'date' | 'time' = 'full'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return local;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!));
  const options: Intl.DateTimeFormatOptions =
    style === 'date'
      ? { dateStyle: 'full' }
      : style === 'time'
        ? { timeStyle: 'short' }
        : {
            weekday: 'short',
            day: 'numeric',
            month: 'short',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
          };
  return new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone: 'UTC' }).format(d);
}

/** "Europe/Berlin" → "Berlin" (what people call the zone). */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** A language picker; the choice is kept in a cookie (the server reads it) and the page reloads. */
export function languageSwitcher(): HTMLElement {
  const { languages } = pageData();
  const select = el(
    'select',
    { name: 'language', 'aria-label': t('language') },
    ...languages.map((l) => el('option', { value: l.code, lang: l.code }, l.name)),
  );
  select.value = lang();
  select.addEventListener('change', () => {
    pickLanguage(select.value);
  });
  return el('label', { class: 'lang' }, select);
}
