/**
 * The host's panel: people knocking in the lobby (polled every ~2 s) with Admit/Deny, Remove
 * on each participant, and End call. Authorised by the host key from the URL fragment.
 */
import type { Room } from 'livekit-client';
import { hostApi, type Knock } from '../join/api.js';
import { el, t } from '../join/ui.js';
import type { ParticipantList } from './participant-list.js';
import { expectedLine } from './expected.js';

export class HostPanel {
  readonly element = el('section', { class: 'host', 'aria-labelledby': 'host-title' });
  private readonly knocks = el('ul', { class: 'knocks', 'aria-live': 'polite' });
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seen = '';

  constructor(room: Room, linkId: string, hostKey: string, list: ParticipantList) {
    const api = hostApi(linkId, hostKey);
    this.element.append(
      el('h2', { id: 'host-title' }, t('host_panel')),
      expectedLine(room, linkId, hostKey),
      el('h3', {}, t('lobby_waiting')),
      this.knocks,
      el(
        'button',
        { type: 'button', class: 'danger', onclick: () => void api.end() },
        t('end_call'),
      ),
    );
    list.actions = (p) =>
      el(
        'button',
        {
          type: 'button',
          'aria-label': `${t('remove')} ${p.name || p.identity}`,
          onclick: () => void api.remove(p.identity),
        },
        t('remove'),
      );
    list.render();
    const poll = async () => {
      if (room.state === 'disconnected') return;
      this.show(await api.lobby().catch(() => []), api);
      this.timer = setTimeout(() => void poll(), 2000);
    };
    void poll();
    room.once('disconnected', () => clearTimeout(this.timer));
  }

  private show(waiting: Knock[], api: ReturnType<typeof hostApi>): void {
    const key = waiting.map((k) => k.ticket).join();
    if (key === this.seen) return; // do not steal keyboard focus from a button every poll
    this.seen = key;
    if (waiting.length === 0) {
      this.knocks.replaceChildren(el('li', {}, t('lobby_empty')));
      return;
    }
    this.knocks.replaceChildren(
      ...waiting.map((k) => {
        const decide = (verdict: 'admit' | 'deny') => () =>
          void (async () => {
            await api.decide(k.ticket, verdict);
            this.show(await api.lobby().catch(() => []), api);
          })();
        return el(
          'li',
          { 'data-knock': k.ticket },
          el('span', {}, k.name),
          el(
            'button',
            { type: 'button', 'aria-label': `${t('admit')} ${k.name}`, onclick: decide('admit') },
            t('admit'),
          ),
          el(
            'button',
            { type: 'button', 'aria-label': `${t('deny')} ${k.name}`, onclick: decide('deny') },
            t('deny'),
          ),
        );
      }),
    );
  }
}
