/**
 * The one tile every layout uses: LiveKit's VideoTrack and tile hook (speaking, muted data
 * attributes), with callink's indicators around it: mic off, initials when the camera is off,
 * the host badge from the server-set attribute (never from the name), a raised hand,
 * connection quality and pin. `data-participant` marks remote people, as the page contract says.
 */
import {
  MicDisabledIcon,
  TrackRefContext,
  VideoTrack,
  isTrackReference,
  useEnsureTrackRef,
  useIsMuted,
  useLayoutContext,
  useParticipantAttribute,
  useParticipantTile,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { t } from '../../join/ui.js';
import { useSession } from '../session.js';
import { HOST_ATTRIBUTE, displayName } from '../state/signals.js';
import { useStore } from '../state/store.js';
import { ICONS } from '../controls/icons.js';
import { Quality } from './quality.js';

/** Up to two letters from a name ("Ann Lee" → "AL"), shown when there is no video. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] ?? '?'];
  return letters
    .map((w) => [...(w ?? '')][0] ?? '')
    .join('')
    .toUpperCase();
}

export interface TileProps {
  trackRef?: TrackReferenceOrPlaceholder;
  className?: string;
}

export function Tile({ trackRef, className = '' }: TileProps) {
  const ref = useEnsureTrackRef(trackRef);
  const { signals } = useSession();
  const { elementProps } = useParticipantTile<HTMLElement>({
    trackRef: ref,
    htmlProps: { className: `tile ${className}` },
  });
  const p = ref.participant;
  const screen = ref.source === Track.Source.ScreenShare;
  const name = displayName(p);
  const micMuted = useIsMuted({ participant: p, source: Track.Source.Microphone });
  const videoMuted = useIsMuted(ref);
  const host = useParticipantAttribute(HOST_ATTRIBUTE, { participant: p }) === 'true';
  const handUp = useStore(signals.hands).includes(p.identity);
  const layout = useLayoutContext();
  const pinned = layout.pin.state?.some(
    (r) => r.participant.identity === p.identity && r.source === ref.source,
  );
  const hasVideo = isTrackReference(ref) && !videoMuted;
  const caption = screen ? t('screen_of', { name }) : p.isLocal ? `${name} ${t('you')}` : name;
  const togglePin = () =>
    layout.pin.dispatch?.(pinned ? { msg: 'clear_pin' } : { msg: 'set_pin', trackReference: ref });

  return (
    <TrackRefContext.Provider value={ref}>
      <figure
        {...elementProps}
        data-participant={p.isLocal ? undefined : p.identity}
        data-local={p.isLocal ? p.identity : undefined}
        data-source={ref.source}
        data-has-video={hasVideo ? 'true' : 'false'}
      >
        {isTrackReference(ref) && (
          <VideoTrack
            trackRef={ref}
            className={p.isLocal && !screen ? 'mirror' : undefined}
            aria-label={caption}
          />
        )}
        {!hasVideo && (
          <div className="tile-placeholder">
            <span className="initials" aria-hidden="true">
              {initials(name)}
            </span>
            {!screen && <span className="sr-only">{t('camera_off_tile')}</span>}
          </div>
        )}
        {handUp && !screen && (
          <span className="tile-hand" role="img" aria-label={t('hand_raised')}>
            {ICONS.hand}
          </span>
        )}
        <div className="tile-bar">
          {!screen && micMuted && (
            <span className="mic-off" role="img" aria-label={t('mic_off')}>
              <MicDisabledIcon aria-hidden="true" />
            </span>
          )}
          <figcaption>{caption}</figcaption>
          {host && !screen && <span className="host-badge">{t('host_badge')}</span>}
          {!screen && <Quality participant={p} />}
        </div>
        <button
          type="button"
          className="tile-pin"
          aria-pressed={pinned ? 'true' : 'false'}
          aria-label={t(pinned ? 'unpin' : 'pin', { name: caption })}
          onClick={togglePin}
        >
          {ICONS.pin}
        </button>
      </figure>
    </TrackRefContext.Provider>
  );
}
