/**
 * A microphone or camera chosen while it is off, applied when it is turned on again. The call's
 * tracks come from the join page's preview, so LiveKit counts them as "user provided": on such
 * a muted track switchActiveDevice only notes the device, and unmuting never applies it
 * (LiveKit restarts on unmute only the tracks it opened itself). Only a device chosen while
 * muted is applied, so an ordinary unmute never reopens the device. Pinned by call-media.test.ts.
 */
import {
  ParticipantEvent,
  RoomEvent,
  Track,
  type LocalTrackPublication,
  type Room,
  type TrackPublication,
} from 'livekit-client';
import { useEffect } from 'react';

const SOURCE: Partial<Record<MediaDeviceKind, Track.Source>> = {
  audioinput: Track.Source.Microphone,
  videoinput: Track.Source.Camera,
};

export function useDeviceOnUnmute(room: Room): void {
  useEffect(() => {
    const me = room.localParticipant;
    const pending = new Map<Track.Source, string>();
    const onDevice = (kind: MediaDeviceKind, deviceId: string) => {
      const source = SOURCE[kind];
      if (!source) return;
      const track = me.getTrackPublication(source)?.track;
      if (track?.isUserProvided && track.isMuted) pending.set(source, deviceId);
      else pending.delete(source);
    };
    const onUnmuted = (pub: TrackPublication) => {
      const want = pending.get(pub.source);
      const track = (pub as LocalTrackPublication).track;
      if (!want || !track) return;
      pending.delete(pub.source);
      if (want !== track.mediaStreamTrack.getSettings().deviceId)
        void track.restartTrack({ deviceId: { exact: want } }).catch(() => undefined);
    };
    room.on(RoomEvent.ActiveDeviceChanged, onDevice);
    me.on(ParticipantEvent.TrackUnmuted, onUnmuted);
    return () => {
      room.off(RoomEvent.ActiveDeviceChanged, onDevice);
      me.off(ParticipantEvent.TrackUnmuted, onUnmuted);
    };
  }, [room]);
}
