/**
 * Which language a page is drawn in: the language just picked in a page's switcher (`?lang=`,
 * the reload that follows the pick), else the reader's remembered choice (the `callink_lang`
 * cookie the switcher sets), else the best match of Accept-Language, else English.
 *
 * Why the query as well as the cookie: a cookie written by `document.cookie` reaches Chromium's
 * cookie store over another channel than the reload that follows it, and a loaded full run saw
 * the reload go out without it (the page came back in the old language, the cookie set). The
 * query is in the reload's own request. It is not remembered by itself: a shared address with
 * `?lang=` draws that one page in that language and sets nothing.
 */
import type { Request } from 'express';
import { ownEntry } from '../../../core/messages/index.js';
import { negotiateLocale } from './index.js';
import { ORGANIZER_LOCALES } from './organizer/index.js';

export const LANG_COOKIE = 'callink_lang';

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // a malformed escape is no choice at all: fall back to Accept-Language
    }
  }
  return undefined;
}

/** A language callink has (ownEntry: "constructor" is in every object). */
const known = (code: string): boolean => ownEntry(ORGANIZER_LOCALES, code) !== undefined;

export function chooseLocale(req: Request | undefined): string {
  if (!req) return 'en';
  const picked = (req.query as Record<string, unknown> | undefined)?.lang;
  if (typeof picked === 'string' && known(picked.toLowerCase())) return picked.toLowerCase();
  const chosen = cookie(req, LANG_COOKIE)?.toLowerCase();
  if (chosen && known(chosen)) return chosen;
  return negotiateLocale(req.get('accept-language'));
}
