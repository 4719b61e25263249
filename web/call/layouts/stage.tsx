/**
 * Where the video goes (LiveKit Meet's CustomVideoLayout shape): one useTracks query, camera
 * with placeholders so camera-off people keep a tile, plus screen shares, each its own tile.
 * CallGrid (LiveKit's grid hooks, paginated when more tiles than fit) when nothing is in focus; FocusLayoutContainer
 * with a CarouselLayout when a share, a pin or the speaker view puts one tile in front.
 * One's own camera is a small mirrored tile in a corner once anyone else is there; one's own
 * share is a "you are sharing" notice, never a mirror of the screen.
 */
import {
  CarouselLayout,
  FocusLayoutContainer,
  useLayoutContext,
  usePinnedTracks,
  useTracks,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { RoomEvent, Track } from 'livekit-client';
import { useRef } from 'react';
import { t } from '../../join/ui.js';
import { useSession } from '../session.js';
import { Tile } from '../tile/tile.js';
import { CallGrid } from './grid.js';
import { Reactions } from './reactions.js';

export type LayoutMode = 'grid' | 'speaker';

const same = (a: TrackReferenceOrPlaceholder, b: TrackReferenceOrPlaceholder) =>
  a.participant.identity === b.participant.identity && a.source === b.source;

function SharingNotice() {
  const { room } = useSession();
  return (
    <div className="tile sharing-notice" data-sharing="self">
      <p>{t('you_are_sharing')}</p>
      <button
        type="button"
        className="danger"
        onClick={() => void room.localParticipant.setScreenShareEnabled(false)}
      >
        {t('share_stop')}
      </button>
    </div>
  );
}

export function Stage({ mode }: { mode: LayoutMode }) {
  const { room } = useSession();
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { updateOnlyOn: [RoomEvent.ActiveSpeakersChanged], onlySubscribed: false },
  );
  const pinned = usePinnedTracks(useLayoutContext())[0];
  const lastSpeaker = useRef<string | undefined>(undefined);

  const remote = tracks.filter((r) => !r.participant.isLocal);
  const selfCamera = tracks.find((r) => r.participant.isLocal && r.source === Track.Source.Camera);
  const ownShare = tracks.find(
    (r) => r.participant.isLocal && r.source === Track.Source.ScreenShare,
  );
  const alone = !remote.some((r) => r.source === Track.Source.Camera);

  const speaker = room.activeSpeakers.find((p) => !p.isLocal)?.identity;
  if (speaker) lastSpeaker.current = speaker;
  const speakerTile =
    mode === 'speaker'
      ? remote.find(
          (r) => r.source === Track.Source.Camera && r.participant.identity === lastSpeaker.current,
        )
      : undefined;
  const share = remote.find((r) => r.source === Track.Source.ScreenShare);
  const focus = (pinned && tracks.find((r) => same(r, pinned))) ?? share ?? speakerTile;
  const sharingSelf = Boolean(ownShare) && !focus;

  // Alone, one's own camera fills the stage; with others it is the corner tile.
  const grid = alone && selfCamera ? [selfCamera, ...remote] : remote;
  const focused = Boolean(focus) || sharingSelf;
  // In focus the corner would cover the shared screen: one's own camera joins the carousel.
  const others = [
    ...grid.filter((r) => !focus || !same(r, focus)),
    ...(focused && !alone && selfCamera && !(focus && same(focus, selfCamera)) ? [selfCamera] : []),
  ];

  return (
    <div className="stage" data-layout={focused ? 'focus' : 'grid'}>
      {focused ? (
        <FocusLayoutContainer className="focus">
          {others.length > 0 && (
            <CarouselLayout tracks={others} orientation="vertical">
              <Tile />
            </CarouselLayout>
          )}
          {focus ? <Tile trackRef={focus} className="focused" /> : <SharingNotice />}
        </FocusLayoutContainer>
      ) : (
        grid.length > 0 && (
          <CallGrid tracks={grid}>
            <Tile />
          </CallGrid>
        )
      )}
      {!alone && !focused && selfCamera && (
        <div className="self-view">
          <Tile trackRef={selfCamera} className="self" />
        </div>
      )}
      {focus && ownShare && (
        <p className="sharing-line" role="status">
          {t('you_are_sharing')}
        </p>
      )}
      <Reactions />
    </div>
  );
}
