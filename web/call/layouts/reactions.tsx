/** Emoji bursts floating up over the stage for three seconds, with the sender's name. */
import { t } from '../../join/ui.js';
import { useSession } from '../session.js';
import { displayName } from '../state/signals.js';
import { useStore } from '../state/store.js';

export function Reactions() {
  const { room, signals } = useSession();
  const reactions = useStore(signals.reactions);
  if (reactions.length === 0) return null;
  return (
    <ul className="reactions" aria-hidden="true">
      {reactions.map((r) => {
        const who =
          r.identity === room.localParticipant.identity
            ? room.localParticipant
            : room.getParticipantByIdentity(r.identity);
        return (
          <li key={r.key} style={{ left: `${10 + ((r.key * 37) % 70)}%` }}>
            <span className="emoji">{r.emoji}</span>
            <span className="who">{displayName(who ?? undefined) || t('you')}</span>
          </li>
        );
      })}
    </ul>
  );
}
