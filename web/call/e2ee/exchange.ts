/**
 * The key exchange of an E2EE call (FaceTime's model), as a KeySetup for room.ts:
 * - the first host in the call makes the room key in this browser;
 * - a guest arrives with the key the admitting host wrapped for its public key (lobby);
 * - a later host, or anyone whose key is stale, gets the current key from the hosts in the
 *   call, relayed by the server as a ciphertext for that participant only;
 * - when someone leaves, one host (the first by identity) makes a new key in the next slot of
 *   LiveKit's key ring and hands it to everyone still in the call, so the one who left cannot
 *   decode what follows even with an old token; a host who removes someone does so at once.
 */
import { RoomEvent, type Participant, type RemoteParticipant, type Room } from 'livekit-client';
import {
  E2EE_TOPIC,
  KEY_RING_SIZE,
  parseWrappedKey,
  type WrappedKey,
} from '../../../src/core/e2ee.js';
import { hostApi } from '../../join/api.js';
import { t } from '../../join/ui.js';
import type { KeySetup } from '../room.js';
import { isHost } from '../state/signals.js';
import { newRoomKey, safetyCode, unwrapRoomKey, wrapRoomKey, type KeyPair } from './crypto.js';
import { RoomKeyProvider } from './key-provider.js';
import { EncryptionStatus } from './status.js';

export const PUBLIC_KEY_ATTRIBUTE = 'callink.pk';
/** How long a later host waits for a key from the hosts already in the call. */
const KEY_WAIT_MS = 15_000;
/**
 * A relayed key can reach a newcomer before its data channel is open, and is then lost: hosts
 * send each key once more after this long (a copy of a key already in use is ignored).
 */
const RESEND_MS = 3000;
/**
 * A new key's receivers say so (a data message to its sender, under the new key); the rotating
 * host starts encrypting with it once all did, or after this long, so that its video does not
 * break for someone whose key is still on the way.
 */
const ACK_TOPIC = 'callink.e2ee.ack';
const ACK_WAIT_MS = 1500;

export interface ExchangeOptions {
  /** The LiveKit room's name: bound into every wrapped key and safety code. */
  roomName: string;
  linkId: string;
  me: KeyPair;
  /** A host's key: it authorises relays. Guests have none. */
  hostKey?: string | undefined;
  /** The key handed over in the lobby (guests). */
  admitted?: WrappedKey | undefined;
}

export const publicKeyOf = (p: Participant): string | undefined =>
  p.attributes[PUBLIC_KEY_ATTRIBUTE];

export class KeyExchange implements KeySetup {
  readonly keyProvider = new RoomKeyProvider();
  readonly status = new EncryptionStatus('waiting');
  private room: Room | undefined;
  /** The key in use, its slot, and the public key of who made or handed it over. */
  private key: { bytes: Uint8Array<ArrayBuffer>; index: number; source: string } | undefined;
  private readonly removed = new Set<string>();
  /** Removed by this host and already rotated for: their departure needs no second key. */
  private readonly rotatedFor = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly api: ReturnType<typeof hostApi> | undefined;
  /** Acknowledgements awaited for a new key: identity → resolve, per key index. */
  private readonly acks = new Map<string, () => void>();

  constructor(private readonly o: ExchangeOptions) {
    this.api = o.hostKey ? hostApi(o.linkId, o.hostKey) : undefined;
  }

  get publicKey(): string {
    return this.o.me.publicKey;
  }

  get hasKey(): boolean {
    return this.key !== undefined;
  }

  async beforeConnect(room: Room): Promise<void> {
    this.room = room;
    this.status.watch(room);
    room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
      // Keys come from the server's relay only (a participant's own data is room-key encrypted).
      if (topic === ACK_TOPIC && participant) {
        this.acknowledged(participant.identity, payload);
        return;
      }
      if (topic !== E2EE_TOPIC || participant) return;
      void this.serial(() => this.receive(payload));
    });
    if (this.o.admitted) {
      try {
        await this.accept(this.o.admitted);
      } catch {
        // Not wrapped for this browser's key: changed on the way, or addressed to someone else.
        throw new Error(t('e2ee_unwrap_failed'));
      }
    }
  }

  async afterConnect(room: Room): Promise<void> {
    room
      .on(RoomEvent.ParticipantConnected, (p) => void this.serial(() => this.welcome(p)))
      .on(RoomEvent.ParticipantDisconnected, (p) => void this.serial(() => this.departed(p)))
      .on(RoomEvent.ParticipantAttributesChanged, (_changed, p) => {
        if (!p.isLocal) void this.serial(() => this.welcome(p as RemoteParticipant));
      });
    if (this.key || !this.api) return;
    const otherHosts = [...room.remoteParticipants.values()].some(isHost);
    if (!otherHosts) {
      await this.serial(() => this.rotate());
      return;
    }
    // A later host: the hosts in the call see it arrive and relay the key. Should none come
    // (their browsers have none), this host starts the call's key itself.
    setTimeout(() => {
      if (!this.key) void this.serial(() => this.rotate());
    }, KEY_WAIT_MS);
  }

  /** The current room key wrapped for a knocking guest, for the host's Admit. */
  async wrapFor(publicKey: string): Promise<WrappedKey> {
    const key = this.key;
    if (!key || !this.room) throw new Error('This browser does not have the call’s key yet.');
    return wrapRoomKey({
      room: this.o.roomName,
      roomKey: key.bytes,
      index: key.index,
      me: this.o.me,
      to: publicKey,
    });
  }

  /**
   * This host removes the participant: never hand it a key again (the server refuses too), and
   * move everyone else to a new key now, not once LiveKit reports the departure (seconds later
   * on a busy server): what follows the Remove is already under a key the removed one lacks.
   */
  removing(identity: string): void {
    this.removed.add(identity);
    if (!this.api || !this.key) return;
    this.rotatedFor.add(identity);
    void this.serial(() => this.rotate());
  }

  /** The safety code between this browser and `p`, or undefined when `p` sent no key. */
  async safetyCodeWith(p: Participant): Promise<string | undefined> {
    const theirs = publicKeyOf(p);
    return theirs ? safetyCode(this.o.roomName, this.o.me.publicKey, theirs) : undefined;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T | undefined> {
    const next = this.queue.then(fn).catch(() => undefined);
    this.queue = next;
    return next;
  }

  private async receive(payload: Uint8Array): Promise<void> {
    let wrapped: WrappedKey;
    try {
      const message = JSON.parse(new TextDecoder().decode(payload)) as { key?: unknown };
      wrapped = parseWrappedKey(message.key);
    } catch {
      return;
    }
    if (await this.accept(wrapped).catch(() => false)) void this.acknowledge(wrapped);
  }

  /** Tells the key's sender (a host) that this browser now uses it. */
  private async acknowledge(wrapped: WrappedKey): Promise<void> {
    const room = this.room;
    const sender = [...(room?.remoteParticipants.values() ?? [])].find(
      (p) => publicKeyOf(p) === wrapped.from,
    );
    if (!room || !sender) return;
    const payload = new TextEncoder().encode(JSON.stringify({ index: wrapped.index }));
    await room.localParticipant
      .publishData(payload, {
        reliable: true,
        topic: ACK_TOPIC,
        destinationIdentities: [sender.identity],
      })
      .catch(() => undefined);
  }

  private acknowledged(identity: string, payload: Uint8Array): void {
    try {
      const { index } = JSON.parse(new TextDecoder().decode(payload)) as { index?: unknown };
      this.acks.get(`${identity}|${String(index)}`)?.();
    } catch {
      // Not an acknowledgement: ignored.
    }
  }

  /** Resolves when everyone in `people` acknowledged key `index`, or after ACK_WAIT_MS. */
  private acknowledgedBy(people: RemoteParticipant[], index: number): Promise<void> {
    const waits = people.map(
      (p) => new Promise<void>((resolve) => this.acks.set(`${p.identity}|${index}`, resolve)),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ACK_WAIT_MS)));
    return Promise.race([Promise.all(waits).then(() => undefined), timeout]).finally(() => {
      clearTimeout(timer);
      for (const p of people) this.acks.delete(`${p.identity}|${index}`);
    });
  }

  /**
   * Opens a wrapped key and uses it, unless it is the key already in use or an older one. Two
   * hosts that each started a key in the same slot (a race) are settled the same way in every
   * browser: the key from the lower public key wins.
   */
  private async accept(wrapped: WrappedKey): Promise<boolean> {
    const bytes = await unwrapRoomKey({ room: this.o.roomName, wrapped, me: this.o.me });
    const current = this.key;
    if (current) {
      const ahead = (wrapped.index - current.index + KEY_RING_SIZE) % KEY_RING_SIZE;
      const same = ahead === 0 && bytes.every((b, i) => b === current.bytes[i]);
      if (same || ahead > KEY_RING_SIZE / 2) return false;
      if (ahead === 0 && wrapped.from > current.source) return false;
    }
    await this.use(bytes, wrapped.index, wrapped.from);
    return true;
  }

  private async use(bytes: Uint8Array<ArrayBuffer>, index: number, source: string): Promise<void> {
    this.key = { bytes, index, source };
    await this.keyProvider.setRoomKey(bytes, index);
    this.status.keyIndex(index);
    this.status.keyChanged();
  }

  private eligible(p: RemoteParticipant): boolean {
    return !this.removed.has(p.identity) && publicKeyOf(p) !== undefined;
  }

  /** Relays the current key to one participant; a refusal (removed, gone) is not an error. */
  private async send(p: RemoteParticipant, key = this.key): Promise<void> {
    const to = publicKeyOf(p);
    if (!this.api || !key || !to) return;
    const wrapped = await wrapRoomKey({
      room: this.o.roomName,
      roomKey: key.bytes,
      index: key.index,
      me: this.o.me,
      to,
    });
    await this.api.relay([{ to: p.identity, key: wrapped }]).catch(() => undefined);
  }

  /** Someone arrived (or showed their key): hosts holding the key hand it over. */
  private async welcome(p: RemoteParticipant, again = true): Promise<void> {
    if (!this.key || !this.api || !this.eligible(p)) return;
    await this.send(p);
    if (again) this.resend([p]);
  }

  private resend(people: RemoteParticipant[]): void {
    setTimeout(() => {
      for (const p of people) {
        if (this.room?.remoteParticipants.get(p.identity) === p) {
          void this.serial(() => this.welcome(p, false));
        }
      }
    }, RESEND_MS);
  }

  /** The first host by identity rotates; the others receive its key like everyone else. */
  private async departed(p: RemoteParticipant): Promise<void> {
    const room = this.room;
    if (this.rotatedFor.delete(p.identity)) return;
    if (!room || !this.api || !this.key) return;
    const hosts = [room.localParticipant, ...room.remoteParticipants.values()]
      .filter(isHost)
      .map((h) => h.identity)
      .sort();
    if (hosts[0] !== room.localParticipant.identity) return;
    this.removed.add(p.identity); // until it is admitted again, under a new identity
    await this.rotate();
  }

  /** A new key in the next slot: relayed to everyone still in, then used here. */
  private async rotate(): Promise<void> {
    const room = this.room;
    if (!room) return;
    const bytes = newRoomKey();
    const index = this.key ? (this.key.index + 1) % KEY_RING_SIZE : 0;
    const key = { bytes, index, source: this.o.me.publicKey };
    const everyone = [...room.remoteParticipants.values()].filter((p) => this.eligible(p));
    // Decodable here before anyone switches to it (else their first frames fail here); used
    // here once they all hold it (else this host's video breaks for whoever has it late).
    const acked = this.acknowledgedBy(everyone, index);
    if (this.key) await this.keyProvider.addRoomKey(bytes, index);
    await Promise.all(everyone.map((p) => this.send(p, key)));
    if (this.key) await acked;
    await this.use(bytes, index, key.source);
    this.resend(everyone);
  }
}
