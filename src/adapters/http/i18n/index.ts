/**
 * The join page's languages and the choice among them by Accept-Language (q-values honoured,
 * "de-AT" matches "de"). English is the fallback.
 */
import { de } from './de.js';
import { ownEntry } from '../../../core/messages/index.js';
import { en, type JoinStrings } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

export type { JoinStrings } from './en.js';
export const LOCALES: Readonly<Record<string, JoinStrings>> = { en, de, fr, es };
export type Locale = keyof typeof LOCALES;

export function negotiateLocale(acceptLanguage: string | undefined): string {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return {
        lang: tag.toLowerCase().split('-')[0] ?? '',
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.find((r) => ownEntry(LOCALES, r.lang) !== undefined)?.lang ?? 'en';
}
