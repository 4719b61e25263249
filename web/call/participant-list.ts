/** The list of people in the call; the host panel adds a Remove button to each remote entry. */
import type { Participant, Room } from 'livekit-client';
import { el, t } from '../join/ui.js';

export class ParticipantList {
  readonly element = el('section', {
    class: 'people',
    'aria-labelledby': 'people-title',
    hidden: true,
  });
  private readonly list = el('ul', {});
  /** Set by the host panel: extra controls per remote participant. */
  actions: ((p: Participant) => Node | null) | undefined;

  constructor(private readonly room: Room) {
    this.element.append(el('h2', { id: 'people-title' }, t('participants')), this.list);
  }

  toggle(): void {
    this.element.hidden = !this.element.hidden;
    this.render();
  }

  render(): void {
    const lp = this.room.localParticipant;
    const items = [lp, ...this.room.remoteParticipants.values()].map((p) =>
      el(
        'li',
        { 'data-person': p.identity },
        el('span', {}, p === lp ? `${p.name || p.identity} ${t('you')}` : p.name || p.identity),
        p === lp ? null : (this.actions?.(p) ?? null),
      ),
    );
    this.list.replaceChildren(...items);
  }
}
