/**
 * The mic and camera switches of the call: the button and the M and V keys go through one.
 *
 * A press shows at once and is applied in order, after the one before it has finished, and the
 * preview's tracks are published. LiveKit's own toggle turns the track to the opposite of what
 * it is when pressed; two presses while the first was still under way (or before the preview's
 * tracks were published, which takes seconds on a busy machine) both read "on" and both turned
 * the mic off. (Regression: M pressed twice just after joining left the mic muted, and the
 * button said "Unmute" from the start because nothing was published yet.)
 *
 * When nothing is under way the switch follows the track, so a change that comes from
 * elsewhere (the server muting a track, a device that failed to start) shows as it is. A device
 * that failed to start says why (`failed`), shown by the call until the next press.
 */
import { ParticipantEvent, Track, type Room } from 'livekit-client';
import { Store } from '../state/store.js';

export type SwitchSource = Track.Source.Microphone | Track.Source.Camera;
/** Why a device did not start: the browser blocks it, something else holds it, or there is none. */
export type SwitchFailure = 'blocked' | 'busy' | 'missing';

function failure(error: unknown): SwitchFailure {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'blocked';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  return 'busy';
}

export class MediaSwitch {
  /** What the switch shows: the last press while one is under way, else the track's state. */
  readonly on: Store<boolean>;
  /** Why the last attempt to turn it on failed, until the next press (or it is dismissed). */
  readonly failed = new Store<SwitchFailure | null>(null);
  private tail: Promise<unknown>;
  private running = 0;
  private settled = false;

  constructor(
    private readonly room: Room,
    private readonly source: SwitchSource,
    /** What the join page asked for, shown until the tracks are published. */
    initial: boolean,
    published: Promise<void>,
  ) {
    this.on = new Store(initial);
    const follow = () => {
      if (this.settled && this.running === 0) this.on.set(this.actual());
    };
    room.localParticipant
      .on(ParticipantEvent.TrackMuted, follow)
      .on(ParticipantEvent.TrackUnmuted, follow)
      .on(ParticipantEvent.LocalTrackPublished, follow)
      .on(ParticipantEvent.LocalTrackUnpublished, follow);
    this.tail = published
      .catch(() => undefined)
      .then(() => {
        this.settled = true;
        follow();
      });
  }

  private actual(): boolean {
    const lp = this.room.localParticipant;
    return this.source === Track.Source.Microphone ? lp.isMicrophoneEnabled : lp.isCameraEnabled;
  }

  /** Turns it the other way from what it shows. Rejects if LiveKit could not apply it. */
  toggle(): Promise<void> {
    return this.set(!this.on.get());
  }

  set(want: boolean): Promise<void> {
    this.on.set(want);
    this.failed.set(null);
    this.running++;
    const lp = this.room.localParticipant;
    const done = this.tail.then(async () => {
      try {
        if (this.source === Track.Source.Microphone) await lp.setMicrophoneEnabled(want);
        else await lp.setCameraEnabled(want);
      } catch (error) {
        // Only turning on opens a device (a camera started after joining without one).
        if (want) this.failed.set(failure(error));
        throw error;
      }
    });
    this.tail = done
      .catch(() => undefined)
      .finally(() => {
        this.running--;
        if (this.running === 0) this.on.set(this.actual());
      });
    return done;
  }
}
