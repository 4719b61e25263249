/**
 * Background blur of one's own camera. On or off is remembered like the mic and camera
 * choices; the blur code and model load only when it is turned on (./processor.js is a
 * dynamic import). It stays on when the camera is stopped and started (the processor lives on
 * the track) or switched (LiveKit restarts a track's processor with the new device), and is put
 * back on a camera track published later (a camera started after joining without one).
 */
import {
  ParticipantEvent,
  Track,
  type LocalTrackPublication,
  type LocalVideoTrack,
  type Room,
} from 'livekit-client';
import type { StringKey } from '../../join/ui.js';
import { Store } from '../state/store.js';
import { blurUnsupportedReason } from './support.js';

export type BlurState =
  | { kind: 'off' }
  | { kind: 'starting' }
  /** Wanted, but there is no camera track to blur (yet). */
  | { kind: 'no_camera' }
  /** `processor` is the name LiveKit's getProcessor() gives for the camera track. */
  | { kind: 'on'; processor: string }
  | { kind: 'unsupported'; reason: StringKey }
  | { kind: 'failed' };

const PREFERENCE = 'callink:blur';

export class BlurControl {
  readonly state: Store<BlurState>;
  private wanted = localStorage.getItem(PREFERENCE) === 'on';
  /** One change at a time: a quick on-off-on must not leave two processors racing. */
  private queue: Promise<void> = Promise.resolve();
  private checked = false;

  constructor(
    private readonly room: Room,
    published: Promise<void>,
  ) {
    this.state = new Store<BlurState>(this.wanted ? { kind: 'starting' } : { kind: 'off' });
    // The support check makes a WebGL context: not on the way into the call unless blur is on.
    if (this.wanted) this.check();
    void published.catch(() => undefined).then(() => this.sync());
    room.localParticipant.on(ParticipantEvent.LocalTrackPublished, (pub: LocalTrackPublication) => {
      if (pub.source === Track.Source.Camera) this.sync();
    });
  }

  /** Finds out whether this browser can blur (once); the control asks before it is shown. */
  check(): void {
    if (this.checked) return;
    this.checked = true;
    const reason = blurUnsupportedReason();
    if (reason) this.state.set({ kind: 'unsupported', reason });
  }

  get on(): boolean {
    return this.wanted;
  }

  /** Turns blur on or off (and remembers it for the next call). */
  set(on: boolean): Promise<void> {
    this.check();
    if (this.state.get().kind === 'unsupported') return Promise.resolve();
    this.wanted = on;
    localStorage.setItem(PREFERENCE, on ? 'on' : 'off');
    return this.sync();
  }

  private camera(): LocalVideoTrack | undefined {
    const pub = this.room.localParticipant.getTrackPublication(Track.Source.Camera);
    return pub?.videoTrack as LocalVideoTrack | undefined;
  }

  private sync(): Promise<void> {
    if (this.wanted) this.check();
    if (this.state.get().kind === 'unsupported') return Promise.resolve();
    this.queue = this.queue.then(() => this.apply()).catch(() => undefined);
    return this.queue;
  }

  private async apply(): Promise<void> {
    const track = this.camera();
    const running = track?.getProcessor();
    if (!this.wanted) {
      if (running) await track?.stopProcessor();
      this.state.set({ kind: 'off' });
      return;
    }
    // No camera track yet: blur starts when one is published.
    if (!track) return this.state.set({ kind: 'no_camera' });
    // Only this class sets a processor on the camera, so a running one is the blur.
    if (running) return this.state.set({ kind: 'on', processor: running.name });
    this.state.set({ kind: 'starting' });
    try {
      const { createBlur } = await import('./processor.js');
      await track.setProcessor(createBlur());
      const name = track.getProcessor()?.name;
      this.state.set(name ? { kind: 'on', processor: name } : { kind: 'failed' });
    } catch {
      // The camera keeps going unblurred; the menu says blur could not start.
      await track.stopProcessor().catch(() => undefined);
      this.state.set({ kind: 'failed' });
    }
  }
}
