/**
 * Call links: create (title, lobby, E2EE, size) and hand on (copy, share, QR); list, change
 * settings, revoke, and open a link's host links, lobby and attendance.
 */
import { explain, type Api, type LinkView } from './api.js';
import { callPanel } from './calls.js';
import { el, field, fill, say } from './dom.js';
import { formatWhen, t } from './i18n.js';
import { hostKeysCard } from './host-keys.js';
import { linkEditForm } from './link-edit.js';
import { copyButton, qrImage, shareButton } from './share.js';

/** Fired on document whenever the link list was reloaded (other sections offer links too). */
export const LINKS_CHANGED = 'callink:links-changed';

export interface PolicyHint {
  lobbyByDefault: boolean;
  maxParticipants: number;
}

/**
 * What an E2EE link's card says about its key: a passphrase link carries it after `#k=` (shown
 * only now); a key-exchange link carries none, so it may go into calendars, and a host in the
 * call lets guests in.
 */
function e2eeNote(link: LinkView): HTMLElement | null {
  if (link.e2eeMode === 'passphrase') {
    return el('p', { class: 'warn', 'data-e2ee-note': 'passphrase' }, t('e2ee_key_warning'));
  }
  if (link.e2eeMode === 'exchange') {
    return el('p', { class: 'hint', 'data-e2ee-note': 'exchange' }, t('e2ee_exchange_note'));
  }
  return null;
}

/** The card shown once a link is made: the URL with copy, share and a QR code. */
export async function linkCard(link: LinkView, heading: string): Promise<HTMLElement> {
  const title = link.title ?? t('call');
  const url = el('input', {
    type: 'text',
    readonly: true,
    value: link.url,
    'aria-label': t('link_address'),
    class: 'url',
  });
  url.addEventListener('focus', () => url.select());
  return el(
    'div',
    { class: 'card result', 'data-link-id': link.id },
    el('h3', {}, heading),
    el(
      'p',
      { class: 'link-title' },
      el('strong', { class: 'clip', title }, title),
      link.e2ee ? ` · ${t('e2ee_on')}` : '',
    ),
    url,
    el('div', { class: 'actions' }, copyButton(link.url), shareButton(title, link.url)),
    e2eeNote(link),
    await qrImage(link.url, title),
  );
}

export function linksSection(
  api: Api,
  root: HTMLElement,
  policy: PolicyHint | null,
): {
  refresh: () => Promise<void>;
} {
  const status = el('p', { role: 'status', class: 'status' });
  const result = el('div', { id: 'link-result' });
  const list = el('ul', { class: 'items', id: 'link-list', 'aria-label': t('your_links') });
  const panel = el('div', { id: 'call-panel' });

  const titleInput = el('input', {
    name: 'title',
    maxlength: 200,
    placeholder: t('title_placeholder'),
  });
  const lobbyInput = el('input', { type: 'checkbox', name: 'lobby' });
  lobbyInput.checked = policy?.lobbyByDefault ?? false;
  const e2eeInput = el('input', { type: 'checkbox', name: 'e2ee' });
  const e2eeHint = el('small', { class: 'hint check-hint', hidden: true }, t('e2ee_lobby_hint'));
  // An E2EE link always has a lobby (a host hands each guest the key): the box says so.
  let lobbyChosen = lobbyInput.checked;
  lobbyInput.addEventListener('change', () => (lobbyChosen = lobbyInput.checked));
  e2eeInput.addEventListener('change', () => {
    lobbyInput.disabled = e2eeInput.checked;
    lobbyInput.checked = e2eeInput.checked || lobbyChosen;
    e2eeHint.hidden = !e2eeInput.checked;
  });
  const cap = policy?.maxParticipants ?? 100;
  const sizeInput = el('input', {
    type: 'number',
    name: 'maxParticipants',
    min: 1,
    max: cap,
    value: Math.min(32, cap),
  });

  const form = el(
    'form',
    { class: 'card', 'aria-label': t('new_link') },
    el('h3', {}, t('new_link')),
    field(t('field_title'), titleInput),
    el('label', { class: 'check' }, lobbyInput, ` ${t('lobby_label')}`),
    el('label', { class: 'check' }, e2eeInput, ` ${t('e2ee_label')}`),
    e2eeHint,
    field(t('call_size'), sizeInput, t('call_size_hint', { max: cap })),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('create_link'))),
    status,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say(status, t('creating'));
    // The card of an earlier link must not stay next to a refusal of this one.
    result.replaceChildren();
    const size = Number(sizeInput.value);
    try {
      const link = await api.post<LinkView>('/api/links', {
        ...(titleInput.value.trim() ? { title: titleInput.value.trim() } : {}),
        lobby: lobbyInput.checked || e2eeInput.checked,
        e2ee: e2eeInput.checked,
        ...(sizeInput.value !== '' && Number.isFinite(size) ? { maxParticipants: size } : {}),
      });
      say(status, t('link_created'));
      fill(result, await linkCard(link, t('your_new_link')));
      titleInput.value = '';
      await refresh();
    } catch (error) {
      say(status, explain(error), 'error');
    }
  });

  async function refresh(): Promise<void> {
    try {
      const { links } = await api.get<{ links: LinkView[] }>('/api/links');
      document.dispatchEvent(new CustomEvent(LINKS_CHANGED, { detail: links }));
      fill(
        list,
        ...(links.length === 0 ? [el('li', { class: 'empty' }, t('no_links'))] : links.map(row)),
      );
    } catch (error) {
      fill(list, el('li', { class: 'error' }, explain(error)));
    }
  }

  function row(link: LinkView): HTMLLIElement {
    const revoked = link.revokedAt !== null;
    const name = link.title ?? t('untitled_call');
    const revoke = el('button', { type: 'button', class: 'danger' }, t('revoke'));
    revoke.addEventListener('click', async () => {
      if (!window.confirm(t('confirm_revoke', { title: link.title ?? link.id }))) return;
      try {
        await api.del(`/api/links/${link.id}`);
        await refresh();
      } catch (error) {
        say(status, explain(error), 'error');
      }
    });
    const edit = el('button', { type: 'button', class: 'secondary' }, t('settings'));
    edit.addEventListener('click', () => {
      fill(
        result,
        linkEditForm(api, link, cap, (changed) => {
          result.replaceChildren();
          if (changed) say(status, t('link_saved', { title: changed.title ?? t('untitled_call') }));
          void refresh();
        }),
      );
      result.querySelector<HTMLInputElement>('input[name="title"]')?.focus();
    });
    const hosts = el('button', { type: 'button', class: 'secondary' }, t('host_links'));
    hosts.addEventListener('click', () => {
      fill(
        result,
        hostKeysCard(api, link, () => result.replaceChildren()),
      );
      result.querySelector<HTMLElement>('h3')?.scrollIntoView({ block: 'nearest' });
    });
    const open = el('button', { type: 'button', class: 'secondary' }, t('lobby_attendance'));
    open.addEventListener('click', () => callPanel(api, panel, link));
    const facts = [
      formatWhen(link.createdAt),
      t('people_count', { n: link.maxParticipants }),
      link.lobby ? t('lobby') : null,
      link.e2ee ? t('encrypted') : null,
      revoked ? t('revoked') : null,
    ].filter(Boolean);
    return el(
      'li',
      { 'data-link-id': link.id, 'data-revoked': revoked ? 'yes' : 'no' },
      el(
        'div',
        { class: 'what' },
        el('strong', { class: 'clip', title: name }, name),
        el('small', {}, facts.join(' · ')),
        el('code', {}, link.url),
      ),
      el(
        'div',
        { class: 'actions' },
        revoked ? null : copyButton(link.url),
        revoked ? null : edit,
        revoked ? null : hosts,
        revoked ? null : open,
        revoked ? null : revoke,
      ),
    );
  }

  fill(
    root,
    el('h2', {}, t('call_links')),
    form,
    result,
    el('h3', {}, t('your_links')),
    list,
    panel,
  );
  return { refresh };
}
