/**
 * What the page says about encryption, for both kinds of E2EE call: waiting for the key,
 * encrypted, or someone's media cannot be decrypted (LiveKit's decryption errors). Mirrored on
 * <body data-e2ee> and data-e2ee-key-index (the slot in use, never the key) for automation.
 */
import { RoomEvent, type Room } from 'livekit-client';
import { Store } from '../state/store.js';

export type E2eeState = 'waiting' | 'on' | 'error';

export interface E2eeStatus {
  state: E2eeState;
  /** Names of the people whose media this browser cannot decrypt. */
  failing: string[];
}

/**
 * Right after a key change, frames under the other key are still in flight and the worker
 * reports them late; LiveKit repeats a lasting failure every second, so it still shows.
 */
const GRACE_MS = 2500;

export class EncryptionStatus {
  private graceUntil = 0;
  readonly status = new Store<E2eeStatus>({ state: 'waiting', failing: [] });

  constructor(initial: E2eeState = 'waiting') {
    this.set(initial, []);
  }

  set(state: E2eeState, failing = this.status.get().failing): void {
    this.status.set({ state, failing });
    document.body.dataset.e2ee = state;
  }

  keyIndex(index: number): void {
    document.body.dataset.e2eeKeyIndex = String(index);
  }

  /** A new key may cure earlier failures: start over and let new errors speak. */
  keyChanged(): void {
    this.graceUntil = Date.now() + GRACE_MS;
    this.set('on', []);
  }

  watch(room: Room): void {
    room.on(RoomEvent.EncryptionError, (_error, who) => {
      if (this.status.get().state === 'waiting' || who?.isLocal) return;
      if (Date.now() < this.graceUntil) return;
      const name = who ? who.name || who.identity : '';
      const failing = this.status.get().failing;
      this.set('error', name && !failing.includes(name) ? [...failing, name] : failing);
    });
  }
}
