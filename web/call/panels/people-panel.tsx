/**
 * The participant list: everyone with host badge, raised hand and mic state; for a host,
 * "Lower hand" and "Remove" (after confirmation) on each remote person.
 */
import { useParticipants } from '@livekit/components-react';
import type { Participant } from 'livekit-client';
import { useState } from 'react';
import { t } from '../../join/ui.js';
import { ICONS } from '../controls/icons.js';
import { SafetyCode } from '../e2ee/e2ee-view.js';
import { ConfirmDialog } from '../host/confirm.js';
import { useSession } from '../session.js';
import { displayName, isHost } from '../state/signals.js';
import { useStore } from '../state/store.js';

export function PeoplePanel(props: {
  onClose(): void;
  onRemove?: (p: Participant) => Promise<void>;
  lobby?: React.ReactNode;
}) {
  const { signals, hostKey } = useSession();
  const people = useParticipants();
  const hands = useStore(signals.hands);
  const [removing, setRemoving] = useState<Participant | null>(null);

  return (
    <section className="panel people-panel" aria-labelledby="people-title">
      <header className="panel-head">
        <h2 id="people-title">{t('participants')}</h2>
        <button type="button" className="quiet" onClick={props.onClose}>
          {t('close')}
        </button>
      </header>
      {props.lobby}
      <ul className="people">
        {people.map((p) => {
          const name = displayName(p);
          const hand = hands.includes(p.identity);
          return (
            <li key={p.identity} data-person={p.identity} data-encrypted={String(p.isEncrypted)}>
              <span className="person-name">
                {p.isLocal ? `${name} ${t('you')}` : name}
                {isHost(p) && <span className="host-badge">{t('host_badge')}</span>}
                {hand && (
                  <span className="hand-mark" role="img" aria-label={t('hand_raised')}>
                    {ICONS.hand}
                  </span>
                )}
                {!p.isMicrophoneEnabled && (
                  <span className="mic-mark" role="img" aria-label={t('mic_off')}>
                    {ICONS.micOff}
                  </span>
                )}
                <SafetyCode p={p} name={name} />
              </span>
              {hostKey && hand && (
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('lower_hand_of', { name })}
                  onClick={() => void signals.lowerHandOf(p.identity)}
                >
                  {t('lower_hand')}
                </button>
              )}
              {hostKey && !p.isLocal && props.onRemove && (
                <button
                  type="button"
                  className="secondary"
                  aria-label={`${t('remove')} ${name}`}
                  onClick={() => setRemoving(p)}
                >
                  {t('remove')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {removing && (
        <ConfirmDialog
          question={t('remove_confirm', { name: displayName(removing) })}
          confirm={t('confirm_remove')}
          failed={t('remove_failed', { name: displayName(removing) })}
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            await props.onRemove?.(removing);
            setRemoving(null);
          }}
        />
      )}
    </section>
  );
}
