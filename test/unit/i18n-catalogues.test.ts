/**
 * Every catalogue (join page, organizer page, server pages and mails) has exactly the English
 * keys in every language, with the same placeholders, and every organizer message parses as
 * ICU MessageFormat. A key added to English only fails here, not in front of a reader.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/adapters/http/i18n/index.js';
import { ORGANIZER_LOCALES } from '../../src/adapters/http/i18n/organizer/index.js';
import { SERVER_MESSAGES } from '../../src/core/messages/index.js';
import { summaryLine } from '../../src/core/invitee-report.js';

const LANGS = ['en', 'de', 'fr', 'es'];
const CATALOGUES: [string, Readonly<Record<string, Record<string, string>>>][] = [
  ['join page', LOCALES as Readonly<Record<string, Record<string, string>>>],
  ['organizer page', ORGANIZER_LOCALES as Readonly<Record<string, Record<string, string>>>],
  ['server pages and mails', SERVER_MESSAGES as Readonly<Record<string, Record<string, string>>>],
];

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
}
/** Argument names of an ICU message, from its parsed form ({name}, {n, plural, …} and inside). */
function argsOf(text: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: AstNode[]) => {
    for (const node of nodes) {
      // 0 is literal text and 7 the # of a plural; every other element names an argument.
      if (node.type !== 0 && node.type !== 7 && typeof node.value === 'string')
        names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(text, 'en', undefined, { ignoreTag: true }).getAst() as AstNode[]);
  return [...names].sort();
}

describe.each(CATALOGUES)('the %s catalogues', (_name, catalogues) => {
  const en = catalogues.en as Record<string, string>;

  it.each(LANGS)('has every English key in %s, and no other', (lang) => {
    const cat = catalogues[lang];
    expect(cat, `${lang} catalogue`).toBeDefined();
    expect(Object.keys(cat ?? {}).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(LANGS)(
    'fills the same placeholders in %s as in English, and leaves none empty',
    (lang) => {
      const cat = catalogues[lang] ?? {};
      for (const [key, value] of Object.entries(en)) {
        const text = cat[key] ?? '';
        expect(argsOf(text), `${lang}.${key}`).toEqual(argsOf(value));
        if (value !== '') expect(text.trim(), `${lang}.${key}`).not.toBe('');
      }
    },
  );
});

describe('the organizer messages', () => {
  it.each(LANGS)('parse and format as ICU MessageFormat in %s (plurals included)', (lang) => {
    for (const [key, text] of Object.entries(ORGANIZER_LOCALES[lang] ?? {})) {
      const format = new IntlMessageFormat(text, lang, undefined, { ignoreTag: true });
      const out = format.format({
        n: 2,
        count: 3,
        h: 1,
        m: 5,
        max: 10,
        name: 'Ana',
        title: 'T',
        date: 'D',
        days: 'X',
        day: 'Y',
        nth: 'Z',
        what: 'W',
        time: '09:00',
        zone: 'Berlin',
        list: 'L',
        when: 'now',
        role: 'r',
        minutes: 12,
        error: 'E',
        ...{ invited: 3, accepted: 2, tentative: 0, declined: 1, none: 0 },
        ...{ came: 2, noShow: 1, uninvited: 1 },
      });
      expect(String(out), `${lang}.${key}`).not.toMatch(/\{\w+\}/);
    }
  });

  it('says "10 times" and "once" through plural rules, in English and French', () => {
    const en = ORGANIZER_LOCALES.en?.sum_count ?? '';
    const fr = ORGANIZER_LOCALES.fr?.sum_count ?? '';
    expect(new IntlMessageFormat(en, 'en').format({ count: 10 })).toBe('10 times');
    expect(new IntlMessageFormat(en, 'en').format({ count: 1 })).toBe('once');
    expect(new IntlMessageFormat(fr, 'fr').format({ count: 1 })).toBe('une fois');
  });

  it('writes the attendance line as the server does in English, and leaves out maybe and declined at 0', () => {
    const line = new IntlMessageFormat(ORGANIZER_LOCALES.en?.att_line ?? '', 'en');
    const s = { accepted: 2, tentative: 0, declined: 0, came: 2, noShow: 0, uninvited: 1 };
    expect(line.format(s)).toBe(summaryLine({ ...s, invited: 4, none: 2 }));
    const t = { accepted: 2, tentative: 1, declined: 1, came: 0, noShow: 2, uninvited: 0 };
    expect(line.format(t)).toBe(summaryLine({ ...t, invited: 4, none: 0 }));
    expect(line.format(t)).toBe(
      '2 accepted · 1 maybe · 1 declined · 0 came · 2 no-show · 0 uninvited guests',
    );
  });
});
