/**
 * LiveKit's ExternalE2EEKeyProvider with key indexes: a rotated room key goes into the next
 * slot of LiveKit's key ring, so frames still in flight under the old key decode while
 * everyone moves to the new one (each frame names its key's slot).
 */
import {
  ExternalE2EEKeyProvider,
  KeyProviderEvent,
  createKeyMaterialFromBuffer,
} from 'livekit-client';

export class RoomKeyProvider extends ExternalE2EEKeyProvider {
  /** Sets `key` (32 random bytes; LiveKit derives frame keys with HKDF) at `index` and uses it. */
  async setRoomKey(key: Uint8Array<ArrayBuffer>, index: number): Promise<void> {
    const material = await createKeyMaterialFromBuffer(key.slice().buffer);
    this.onSetEncryptionKey(material, undefined, index);
  }

  /**
   * Puts `key` into slot `index` for decrypting only, still encrypting with the current key:
   * a host does this before handing a new key out, so the frames of those who switch first
   * decode here at once (LiveKit's SetKey without moving the current index).
   */
  async addRoomKey(key: Uint8Array<ArrayBuffer>, index: number): Promise<void> {
    const material = await createKeyMaterialFromBuffer(key.slice().buffer);
    this.emit(KeyProviderEvent.SetKey, { key: material, keyIndex: index }, false);
  }
}
