/**
 * Plain-DOM lines shown above the React call view: a peer whose media stopped (their LiveKit
 * node died, their network dropped) is said, not left as a frozen tile; and, for hosts, the
 * invitees who are expected and not here yet.
 */
import { ConnectionQuality, RoomEvent, type Room } from 'livekit-client';
import { el, t } from '../join/ui.js';
import { expectedLine } from './expected.js';

export function mountCallExtras(room: Room, root: HTMLElement, linkId: string, hostKey?: string) {
  const peerLost = el('p', { class: 'banner', id: 'peer-lost', role: 'status', hidden: true });
  const lost = new Map<string, string>();
  const show = () => {
    const names = [...lost.values()];
    peerLost.textContent = names.map((name) => t('peer_lost', { name })).join(' ');
    peerLost.hidden = names.length === 0;
  };
  room
    .on(RoomEvent.ConnectionQualityChanged, (quality, p) => {
      if (p === room.localParticipant) return;
      if (quality === ConnectionQuality.Lost) lost.set(p.identity, p.name || p.identity);
      else lost.delete(p.identity);
      show();
    })
    .on(RoomEvent.ParticipantDisconnected, (p) => {
      // Gone while lost: say so a little longer, then drop them from the banner too.
      if (!lost.has(p.identity)) return;
      setTimeout(() => {
        if (!room.remoteParticipants.has(p.identity)) lost.delete(p.identity);
        show();
      }, 10_000);
    });
  const parts: HTMLElement[] = [peerLost];
  if (hostKey) parts.push(expectedLine(room, linkId, hostKey));
  root.before(...parts);
  room.once(RoomEvent.Disconnected, () => {
    for (const part of parts) part.remove();
  });
}
