/**
 * A link's host links (host keys): make one (POST /api/links/:id/host-key, the address is
 * shown once), list them (never the keys themselves) and revoke one after a confirmation.
 */
import { explain, type Api, type LinkView } from './api.js';
import { el, fill, say } from './dom.js';
import { formatWhen, t } from './i18n.js';
import { copyButton } from './share.js';

interface HostKeyView {
  id: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  active: boolean;
}

/** The "Make a host link" button; the new address appears in `box`, then `onMade` runs. */
export function makeHostLinkButton(
  api: Api,
  linkId: string,
  box: HTMLElement,
  onMade?: () => void,
): HTMLButtonElement {
  const make = el('button', { type: 'button', class: 'secondary' }, t('make_host_link'));
  make.addEventListener('click', async () => {
    try {
      const { hostUrl } = await api.post<{ hostUrl: string }>(
        `/api/links/${encodeURIComponent(linkId)}/host-key`,
      );
      fill(
        box,
        el('code', { class: 'secret' }, hostUrl),
        copyButton(hostUrl, t('copy_host_link')),
        el(
          'a',
          { class: 'button', href: hostUrl, target: '_blank', rel: 'noopener' },
          t('join_as_host'),
        ),
      );
      onMade?.();
    } catch (error) {
      fill(box, el('p', { class: 'error' }, explain(error)));
    }
  });
  return make;
}

export function hostKeysCard(api: Api, link: LinkView, onClose: () => void): HTMLElement {
  const base = `/api/links/${encodeURIComponent(link.id)}/host-keys`;
  const title = link.title ?? t('untitled_call');
  const status = el('p', { role: 'status', class: 'status' });
  const made = el('div', { class: 'actions host-made' });
  const table = el('div', { class: 'host-keys' });

  async function load(): Promise<void> {
    try {
      const { hostKeys } = await api.get<{ hostKeys: HostKeyView[] }>(base);
      if (hostKeys.length === 0) {
        fill(table, el('p', { class: 'empty' }, t('no_host_keys')));
        return;
      }
      fill(
        table,
        el(
          'table',
          { 'aria-label': t('host_links_of', { title }) },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col' }, t('col_created')),
              el('th', { scope: 'col' }, t('col_expires')),
              el('th', { scope: 'col' }, t('col_state')),
              el('th', { scope: 'col' }, el('span', { class: 'offscreen' }, t('col_actions'))),
            ),
          ),
          el('tbody', {}, ...hostKeys.map(row)),
        ),
      );
    } catch (error) {
      fill(table, el('p', { class: 'error' }, explain(error)));
    }
  }

  function row(key: HostKeyView): HTMLTableRowElement {
    const state = key.revokedAt
      ? t('host_key_revoked', { when: formatWhen(key.revokedAt) })
      : key.active
        ? t('host_key_active')
        : t('host_key_expired');
    let action: HTMLElement | null = null;
    if (!key.revokedAt) {
      const revoke = el(
        'button',
        {
          type: 'button',
          class: 'danger',
          'aria-label': t('revoke_host_link_made', { when: formatWhen(key.createdAt) }),
        },
        t('revoke'),
      );
      revoke.addEventListener('click', async () => {
        if (!window.confirm(t('confirm_revoke_host_key'))) return;
        try {
          await api.del(`${base}/${encodeURIComponent(key.id)}`);
          say(status, t('host_key_revoked_done'));
          await load();
        } catch (error) {
          say(status, explain(error), 'error');
        }
      });
      action = revoke;
    }
    return el(
      'tr',
      { 'data-host-key': key.id, 'data-revoked': key.revokedAt ? 'yes' : 'no' },
      el('td', {}, formatWhen(key.createdAt)),
      el('td', {}, formatWhen(key.expiresAt)),
      el('td', {}, state),
      el('td', {}, action),
    );
  }

  const close = el('button', { type: 'button', class: 'secondary' }, t('close'));
  close.addEventListener('click', onClose);
  const card = el(
    'section',
    { class: 'card host-links', 'aria-label': t('host_links_of', { title }) },
    el('h3', {}, t('host_links')),
    el('p', { class: 'link-title' }, el('strong', { class: 'clip', title }, title)),
    el('p', { class: 'hint' }, t('host_links_hint')),
    el(
      'div',
      { class: 'actions' },
      makeHostLinkButton(api, link.id, made, () => void load()),
      close,
    ),
    made,
    table,
    status,
  );
  void load();
  return card;
}
