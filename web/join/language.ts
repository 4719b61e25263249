/**
 * The join page's language picker, in its header before the call: the choice goes into the
 * `callink_lang` cookie that the server reads (the organizer page's switcher sets the same one)
 * and the page is drawn again. Secrets read from the address (host key, invite) are kept by
 * the page in sessionStorage, so the reload loses nothing; a typed name is kept too.
 */
import type { JoinPageData } from '../../src/adapters/http/join-page-data.js';
import { el, t } from './ui.js';

const COOKIE = 'callink_lang';

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
    document.cookie = `${COOKIE}=${encodeURIComponent(select.value)}; path=/; max-age=31536000; samesite=lax`;
    location.reload();
  });
  return el('label', { class: 'lang' }, select);
}
