/**
 * A microphone or camera chosen while it is off, applied when it is turned on again. The call's
 * tracks come from the join page's preview, so LiveKit counts them as "user provided": on such
 * a muted track switchActiveDevice only notes the device (the track's constraints, and its
 * pendingDeviceChange flag), and unmuting never applies it (LiveKit restarts on unmute only the
 * tracks it opened itself). So on unmute, a track with a device noted while it was off is
 * restarted on that device; an ordinary unmute never reopens the device.
 *
 * The flag is read, not LiveKit's ActiveDeviceChanged event: the first publish also sends that
 * event, after its silence check, with the device the track was opened with, so a device chosen
 * just after joining could be overwritten by it; and a switch sends none if the mic is turned on
 * before it ends. The restart itself makes LiveKit report the new device (its Restarted
 * handler), so the device list follows. Pinned by call-media.test.ts.
 */
import {
  ParticipantEvent,
  type LocalTrack,
  type Room,
  type TrackPublication,
} from 'livekit-client';
import { useEffect } from 'react';

/** What LiveKit keeps about a device chosen while the track was muted (protected in its types). */
type Noted = { pendingDeviceChange?: boolean };

function wanted(constraint: ConstrainDOMString | undefined): string | undefined {
  if (typeof constraint === 'string') return constraint;
  if (Array.isArray(constraint)) return constraint[0];
  if (constraint && typeof constraint === 'object') {
    const c = constraint as ConstrainDOMStringParameters;
    return wanted(c.exact ?? c.ideal);
  }
  return undefined;
}

export function useDeviceOnUnmute(room: Room): void {
  useEffect(() => {
    const me = room.localParticipant;
    const onUnmuted = (pub: TrackPublication) => {
      const track = pub.track as LocalTrack | undefined;
      if (!track?.isUserProvided || !(track as unknown as Noted).pendingDeviceChange) return;
      const want = wanted(track.constraints.deviceId);
      if (want && want !== track.mediaStreamTrack.getSettings().deviceId)
        void track.restartTrack({ deviceId: { exact: want } }).catch(() => undefined);
    };
    me.on(ParticipantEvent.TrackUnmuted, onUnmuted);
    return () => {
      me.off(ParticipantEvent.TrackUnmuted, onUnmuted);
    };
  }, [room]);
}
