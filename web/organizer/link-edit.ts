/**
 * Changing a link's settings (PATCH /api/links/:id): title, lobby and call size within the
 * policy. The address stays, so invites and events holding it keep working.
 */
import { explain, type Api, type LinkView } from './api.js';
import { el, field, say } from './dom.js';
import { t } from './i18n.js';

export function linkEditForm(
  api: Api,
  link: LinkView,
  cap: number,
  onDone: (changed: LinkView | null) => void,
): HTMLElement {
  const title = el('input', { name: 'title', maxlength: 200, value: link.title ?? '' });
  const lobby = el('input', { type: 'checkbox', name: 'lobby' });
  lobby.checked = link.lobby;
  // An exchange-mode E2EE link always has a lobby: a host hands each guest the key.
  const keyExchange = link.e2eeMode === 'exchange';
  lobby.disabled = keyExchange;
  if (keyExchange) lobby.checked = true;
  const size = el('input', {
    type: 'number',
    name: 'maxParticipants',
    min: 1,
    max: cap,
    value: link.maxParticipants,
  });
  const status = el('p', { role: 'status', class: 'status' });
  const close = el('button', { type: 'button', class: 'secondary' }, t('close'));
  close.addEventListener('click', () => onDone(null));
  const form = el(
    'form',
    { class: 'card edit', 'aria-label': t('link_settings'), id: 'link-edit' },
    el('h3', {}, t('link_settings')),
    el('p', { class: 'hint' }, t('link_settings_hint')),
    field(t('field_title'), title),
    el('label', { class: 'check' }, lobby, ` ${t('lobby_label')}`),
    keyExchange ? el('small', { class: 'hint check-hint' }, t('e2ee_lobby_hint')) : null,
    field(t('call_size'), size, t('call_size_hint', { max: cap })),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('save_changes')), close),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say(status, t('saving'));
    const n = Number(size.value);
    try {
      const changed = await api.patch<LinkView>(`/api/links/${encodeURIComponent(link.id)}`, {
        title: title.value.trim() ? title.value.trim() : null,
        ...(keyExchange ? {} : { lobby: lobby.checked }),
        ...(size.value !== '' && Number.isFinite(n) ? { maxParticipants: n } : {}),
      });
      onDone(changed);
    } catch (error) {
      say(status, explain(error), 'error');
    }
  });
  return form;
}
