/**
 * A microphone or camera chosen while it is off, applied when it is turned on again. The call's
 * tracks come from the join page's preview, so LiveKit counts them as "user provided": on such
 * a muted track switchActiveDevice only notes the device, and unmuting never applies it
 * (LiveKit restarts on unmute only the tracks it opened itself). Pinned by call-media.test.ts.
 */
import {
  ParticipantEvent,
  Track,
  type LocalTrackPublication,
  type Room,
  type TrackPublication,
} from 'livekit-client';
import { useEffect } from 'react';

const KIND: Partial<Record<Track.Source, MediaDeviceKind>> = {
  [Track.Source.Microphone]: 'audioinput',
  [Track.Source.Camera]: 'videoinput',
};

export function useDeviceOnUnmute(room: Room): void {
  useEffect(() => {
    const me = room.localParticipant;
    const onUnmuted = (pub: TrackPublication) => {
      const kind = KIND[pub.source];
      const track = (pub as LocalTrackPublication).track;
      if (!kind || !track?.isUserProvided) return;
      const want = room.getActiveDevice(kind);
      if (want && want !== track.mediaStreamTrack.getSettings().deviceId)
        void track.restartTrack({ deviceId: { exact: want } }).catch(() => undefined);
    };
    me.on(ParticipantEvent.TrackUnmuted, onUnmuted);
    return () => {
      me.off(ParticipantEvent.TrackUnmuted, onUnmuted);
    };
  }, [room]);
}
