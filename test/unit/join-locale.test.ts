import { describe, expect, it } from 'vitest';
import { LOCALES, negotiateLocale } from '../../src/adapters/http/i18n/index.js';
import { organizerPageData } from '../../src/adapters/http/i18n/organizer/index.js';
import { messagesFor, SERVER_MESSAGES } from '../../src/core/messages/index.js';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['fr-FR,fr;q=0.9', 'fr'],
    ['it-IT,it;q=0.9', 'en'],
    ['it;q=0.9,de-AT;q=0.5', 'de'],
    ['en;q=0.1,de;q=0.8', 'de'],
    ['de;q=0', 'en'],
  ])('picks a language for %s', (header, lang) => {
    expect(negotiateLocale(header)).toBe(lang);
  });

  it('has every English string in every language, with the same placeholders', () => {
    const en = LOCALES.en as Record<string, string>;
    for (const [lang, table] of Object.entries(LOCALES)) {
      for (const [key, text] of Object.entries(en)) {
        const other = (table as Record<string, string>)[key];
        expect(other, `${lang}.${key}`).toBeTruthy();
        expect(other?.match(/\{\w+\}/g)?.sort(), `${lang}.${key}`).toEqual(
          text.match(/\{\w+\}/g)?.sort(),
        );
      }
    }
  });

  it('regression: a language named like an object key picked a function for a catalogue; every table falls back to English', () => {
    for (const code of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(negotiateLocale(code), code).toBe('en');
      expect(messagesFor(code), code).toBe(SERVER_MESSAGES.en);
      expect(organizerPageData(code).strings.page_title, code).toBe(
        organizerPageData('en').strings.page_title,
      );
    }
  });
});
