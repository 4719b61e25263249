/**
 * For hosts: the invitees of this occurrence who have not said no and are not in the call yet
 * (GET /api/links/:id/expected, polled every 5 s while the call lasts).
 */
import type { Room } from 'livekit-client';
import { el, t } from '../join/ui.js';

export function expectedLine(room: Room, linkId: string, hostKey: string): HTMLElement {
  const line = el('p', { class: 'expected', 'data-part': 'expected', 'aria-live': 'polite' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    if (room.state === 'disconnected') return;
    try {
      const res = await fetch(`/api/links/${encodeURIComponent(linkId)}/expected`, {
        headers: { 'x-host-key': hostKey },
        cache: 'no-store',
      });
      if (res.ok) {
        const body = (await res.json()) as { expected: unknown[]; missing: string[] };
        const text =
          body.expected.length === 0
            ? ''
            : body.missing.length === 0
              ? t('expected_all')
              : t('expected_missing', { names: body.missing.join(', ') });
        if (line.textContent !== text) line.textContent = text;
        line.hidden = text === '';
      }
    } catch {
      // A missed poll is retried; the line keeps what it last said.
    }
    timer = setTimeout(() => void poll(), 5000);
  };
  void poll();
  room.once('disconnected', () => clearTimeout(timer));
  return line;
}
