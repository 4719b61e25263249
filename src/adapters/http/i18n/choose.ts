/**
 * Which language a page is drawn in: the reader's remembered choice (the `callink_lang`
 * cookie the switcher sets), else the best match of Accept-Language, else English.
 */
import type { Request } from 'express';
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

export function chooseLocale(req: Request | undefined): string {
  if (!req) return 'en';
  const chosen = cookie(req, LANG_COOKIE)?.toLowerCase();
  if (chosen && chosen in ORGANIZER_LOCALES) return chosen;
  return negotiateLocale(req.get('accept-language'));
}
