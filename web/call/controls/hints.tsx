/**
 * What the call tells this person about their own mic and camera, just above the controls:
 * "You are muted" when they talk while muted (Meet's hint), and why a mic or camera they turned
 * on did not start.
 *
 * Talking is heard on a copy of the muted mic, here in the page: LiveKit mutes by disabling the
 * track, so what it sends (and the media server's "speaking") is silence. (Regression: the hint
 * asked LiveKit whether this person was speaking, which it never is while muted, so the hint
 * never showed.) Nothing of the copy leaves the page.
 */
import { Track } from 'livekit-client';
import { useEffect, useState } from 'react';
import { t, type StringKey } from '../../join/ui.js';
import { useSession } from '../session.js';
import { useStore } from '../state/store.js';
import type { MediaSwitch, SwitchFailure } from './media-switch.js';

/** Loud enough to be someone talking into the mic (RMS of a 100 ms reading, full scale 1). */
const TALKING_RMS = 0.02;
/** Shown after 8 loud readings among the last 15 (about 1.5 s), hidden after 3 s of quiet. */
const WINDOW = 15;
const LOUD_IN_WINDOW = 8;
const QUIET_TO_HIDE = 30;

function useTalkingWhileMuted(): boolean {
  const { room, mic, published, listenOnly } = useSession();
  const on = useStore(mic.on);
  const [ready, setReady] = useState(false);
  const [talking, setTalking] = useState(false);
  useEffect(() => void published.finally(() => setReady(true)), [published]);
  useEffect(() => {
    setTalking(false);
    if (on || !ready || listenOnly) return;
    const source = room.localParticipant.getTrackPublication(Track.Source.Microphone)?.track
      ?.mediaStreamTrack;
    if (!source || source.readyState !== 'live' || typeof AudioContext !== 'function') return;
    const copy = source.clone();
    copy.enabled = true;
    const ctx = new AudioContext();
    void ctx.resume().catch(() => undefined);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    ctx.createMediaStreamSource(new MediaStream([copy])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const recent: boolean[] = [];
    let quiet = 0;
    let shown = false;
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      const loud = Math.sqrt(sum / samples.length) > TALKING_RMS;
      recent.push(loud);
      if (recent.length > WINDOW) recent.shift();
      quiet = loud ? 0 : quiet + 1;
      if (!shown && recent.filter(Boolean).length >= LOUD_IN_WINDOW) shown = true;
      else if (shown && quiet >= QUIET_TO_HIDE) shown = false;
      setTalking(shown);
    }, 100);
    return () => {
      clearInterval(timer);
      copy.stop();
      void ctx.close().catch(() => undefined);
    };
  }, [on, ready, listenOnly, room]);
  return talking;
}

const FAILED: Record<'mic' | 'camera', Record<SwitchFailure, StringKey>> = {
  mic: { blocked: 'mic_blocked', busy: 'mic_busy', missing: 'mic_missing' },
  camera: { blocked: 'camera_blocked', busy: 'camera_busy', missing: 'camera_missing' },
};

function Failed({ which, sw }: { which: 'mic' | 'camera'; sw: MediaSwitch }) {
  const failed = useStore(sw.failed);
  if (!failed) return null;
  return (
    <div className="call-hint failed" role="alert">
      <p>{t(FAILED[which][failed])}</p>
      <button type="button" className="secondary" onClick={() => sw.failed.set(null)}>
        {t('close')}
      </button>
    </div>
  );
}

export function CallHints() {
  const { mic, camera } = useSession();
  const talking = useTalkingWhileMuted();
  return (
    <div className="call-hints">
      {talking && (
        <p className="call-hint" role="status">
          {t('speaking_muted')}
        </p>
      )}
      <Failed which="mic" sw={mic} />
      <Failed which="camera" sw={camera} />
    </div>
  );
}
