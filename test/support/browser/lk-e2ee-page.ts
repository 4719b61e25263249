/**
 * Runs in headless Chromium: a bare livekit-client participant with E2EE and a raw room key
 * set at a given index, the way a removed participant would come back with the token and key
 * it still holds. Bundled by test/support/e2ee-intruder.ts; driven through window.callinkIntruder.
 */
import {
  ExternalE2EEKeyProvider,
  Room,
  RoomEvent,
  createKeyMaterialFromBuffer,
  type RemoteTrack,
} from 'livekit-client';

class IndexedProvider extends ExternalE2EEKeyProvider {
  async setAt(raw: ArrayBuffer, index: number): Promise<void> {
    this.onSetEncryptionKey(await createKeyMaterialFromBuffer(raw), undefined, index);
  }
}

const state = { decryptionErrors: 0, subscribed: 0, videos: [] as HTMLVideoElement[] };

const api = {
  state,
  async join(url: string, token: string, keyHex: string, index: number): Promise<string> {
    const keyProvider = new IndexedProvider();
    const room = new Room({
      encryption: { keyProvider, worker: new Worker('/e2ee-worker.js', { type: 'module' }) },
    });
    room.on(RoomEvent.EncryptionError, () => state.decryptionErrors++);
    room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
      state.subscribed++;
      const media = track.attach();
      if (media instanceof HTMLVideoElement) {
        media.muted = true;
        state.videos.push(media);
      }
      document.body.append(media);
    });
    const raw = new Uint8Array(keyHex.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
    await keyProvider.setAt(raw.buffer, index);
    await room.connect(url, token, { rtcConfig: { iceServers: [] } });
    await room.setE2EEEnabled(true);
    return room.localParticipant.identity;
  },
  /** Widest video frame decoded so far (0: nothing could be decrypted). */
  decodedWidth: () => Math.max(0, ...state.videos.map((v) => v.videoWidth)),
};

(globalThis as unknown as { callinkIntruder: typeof api }).callinkIntruder = api;
