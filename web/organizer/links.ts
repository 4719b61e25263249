/**
 * Call links: create (title, lobby, E2EE, size) and hand on (copy, share, QR); list, revoke,
 * and open a link's lobby and attendance.
 */
import { explain, type Api, type LinkView } from './api.js';
import { callPanel } from './calls.js';
import { el, field, fill, formatWhen, say } from './dom.js';
import { copyButton, qrImage, shareButton } from './share.js';

/** Fired on document whenever the link list was reloaded (other sections offer links too). */
export const LINKS_CHANGED = 'callink:links-changed';

export interface PolicyHint {
  lobbyByDefault: boolean;
  maxParticipants: number;
}

/** The card shown once a link is made: the URL with copy, share and a QR code. */
export async function linkCard(link: LinkView, heading: string): Promise<HTMLElement> {
  const title = link.title ?? 'Call';
  const url = el('input', {
    type: 'text',
    readonly: true,
    value: link.url,
    'aria-label': 'Link address',
    class: 'url',
  });
  url.addEventListener('focus', () => url.select());
  return el(
    'div',
    { class: 'card result', 'data-link-id': link.id },
    el('h3', {}, heading),
    el('p', {}, el('strong', {}, title), link.e2ee ? ' · end-to-end encrypted' : ''),
    url,
    el('div', { class: 'actions' }, copyButton(link.url), shareButton(title, link.url)),
    link.e2ee
      ? el(
          'p',
          { class: 'warn' },
          'The encryption key is in this link after "#k=" and is shown only now. Copy the whole link.',
        )
      : null,
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
  const list = el('ul', { class: 'items', id: 'link-list', 'aria-label': 'Your links' });
  const panel = el('div', { id: 'call-panel' });

  const titleInput = el('input', { name: 'title', maxlength: 200, placeholder: 'Weekly sync' });
  const lobbyInput = el('input', { type: 'checkbox', name: 'lobby' });
  lobbyInput.checked = policy?.lobbyByDefault ?? false;
  const e2eeInput = el('input', { type: 'checkbox', name: 'e2ee' });
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
    { class: 'card', 'aria-label': 'New call link' },
    el('h3', {}, 'New call link'),
    field('Title', titleInput),
    el('label', { class: 'check' }, lobbyInput, ' Lobby: I let people in'),
    el('label', { class: 'check' }, e2eeInput, ' End-to-end encryption'),
    field('Call size', sizeInput, `At most ${cap} people.`),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Create link')),
    status,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say(status, 'Creating…');
    const size = Number(sizeInput.value);
    try {
      const link = await api.post<LinkView>('/api/links', {
        ...(titleInput.value.trim() ? { title: titleInput.value.trim() } : {}),
        lobby: lobbyInput.checked,
        e2ee: e2eeInput.checked,
        ...(sizeInput.value !== '' && Number.isFinite(size) ? { maxParticipants: size } : {}),
      });
      say(status, 'Link created.');
      fill(result, await linkCard(link, 'Your new link'));
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
        ...(links.length === 0 ? [el('li', { class: 'empty' }, 'No links yet.')] : links.map(row)),
      );
    } catch (error) {
      fill(list, el('li', { class: 'error' }, explain(error)));
    }
  }

  function row(link: LinkView): HTMLLIElement {
    const revoked = link.revokedAt !== null;
    const revoke = el('button', { type: 'button', class: 'danger' }, 'Revoke');
    revoke.addEventListener('click', async () => {
      if (!window.confirm(`Revoke "${link.title ?? link.id}"? Nobody can join with it again.`))
        return;
      try {
        await api.del(`/api/links/${link.id}`);
        await refresh();
      } catch (error) {
        say(status, explain(error), 'error');
      }
    });
    const open = el('button', { type: 'button', class: 'secondary' }, 'Lobby & attendance');
    open.addEventListener('click', () => callPanel(api, panel, link));
    return el(
      'li',
      { 'data-link-id': link.id, 'data-revoked': revoked ? 'yes' : 'no' },
      el(
        'div',
        { class: 'what' },
        el('strong', {}, link.title ?? 'Untitled call'),
        el(
          'small',
          {},
          `${formatWhen(link.createdAt)} · ${link.maxParticipants} people${link.lobby ? ' · lobby' : ''}${link.e2ee ? ' · encrypted' : ''}${revoked ? ' · revoked' : ''}`,
        ),
        el('code', {}, link.url),
      ),
      el(
        'div',
        { class: 'actions' },
        revoked ? null : copyButton(link.url),
        revoked ? null : open,
        revoked ? null : revoke,
      ),
    );
  }

  fill(root, el('h2', {}, 'Call links'), form, result, el('h3', {}, 'Your links'), list, panel);
  return { refresh };
}
