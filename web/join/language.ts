/**
 * The join page's language picker, in its header before the call: the choice goes into the
 * `callink_lang` cookie that the server reads (the organizer page's switcher sets the same one)
 * and the page is drawn again (language-choice.ts). Secrets read from the address (host key,
 * invite) are kept by the page in sessionStorage, so the reload loses nothing; a typed name is
 * kept too.
 */
import type { JoinPageData } from '../../src/adapters/http/join-page-data.js';
import { pickLanguage } from '../language-choice.js';
import { el, t } from './ui.js';

export function languagePicker(data: JoinPageData, nameField: () => string): HTMLElement | null {
  const languages = data.languages ?? [];
  if (languages.length < 2) return null;
  const select = el(
    'select',
    { name: 'language', 'aria-label': t('language') },
    ...languages.map((l) => el('option', { value: l.code, lang: l.code }, l.name)),
  );
  select.value = data.lang;
  select.addEventListener('change', () => {
    const name = nameField().trim();
    if (name) localStorage.setItem('callink:name', name);
    pickLanguage(select.value);
  });
  return el('label', { class: 'lang' }, select);
}
