/**
 * The one place a call's Room is built, and the seam for end-to-end encryption.
 *
 * E2EE goes through Room's `encryption` option (not the deprecated `e2ee`): with it
 * livekit-client also encrypts data packets and text streams, so chat, raised hands and
 * reactions are end-to-end encrypted like the media. A key exchange plugs in as a `KeySetup`:
 * it supplies the key provider the Room is built with, and is told once the Room is connected.
 */
import { ExternalE2EEKeyProvider, Room, type BaseKeyProvider } from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';

/** How a call gets its keys: the provider the Room encrypts with, and a hook after connect. */
export interface KeySetup {
  readonly keyProvider: BaseKeyProvider;
  /** Runs before connect (e.g. set a known key). */
  beforeConnect?(room: Room): Promise<void>;
  /** Runs after connect, before anything is published (e.g. start a key exchange). */
  afterConnect?(room: Room): Promise<void>;
}

/** Today's keys: one passphrase from the link's fragment (`#k=`), shared by everyone. */
export function passphraseKeys(passphrase: string): KeySetup {
  const keyProvider = new ExternalE2EEKeyProvider();
  return {
    keyProvider,
    beforeConnect: () => keyProvider.setKey(passphrase),
  };
}

export interface CallRoom {
  room: Room;
  /** True when media and data are end-to-end encrypted. */
  encrypted: boolean;
  keys: KeySetup | undefined;
}

/** A worker started ahead (while a guest waits in the lobby), taken by the next Room. */
let spareWorker: Worker | undefined;

/**
 * Starts LiveKit's E2EE worker now (its 100 kB script is fetched, parsed and run), so that an
 * admitted guest's Room does not wait for it between Admit and the first decrypted frame.
 */
export function prepareEncryption(): void {
  spareWorker ??= new E2EEWorker();
}

function takeWorker(): Worker {
  const worker = spareWorker ?? new E2EEWorker();
  spareWorker = undefined;
  return worker;
}

export function createCallRoom(keys?: KeySetup): CallRoom {
  const room = new Room({
    adaptiveStream: true,
    dynacast: true,
    ...(keys ? { encryption: { keyProvider: keys.keyProvider, worker: takeWorker() } } : {}),
  });
  return { room, encrypted: Boolean(keys), keys };
}

/** Turns encryption on once connected (no-op for a plain call). */
export async function startEncryption(call: CallRoom): Promise<void> {
  if (!call.keys) return;
  await call.keys.afterConnect?.(call.room);
  await call.room.setE2EEEnabled(true);
}
