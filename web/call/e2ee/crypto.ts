/**
 * The key exchange's cryptography, on WebCrypto only (browsers and Node alike):
 * - each participant has an ephemeral ECDH P-256 key pair for this page load; only the public
 *   key ever leaves the browser;
 * - a room key (32 random bytes, set on LiveKit's key provider) is wrapped for one recipient
 *   with AES-256-GCM under a key from HKDF-SHA-256 over the ECDH secret, bound to the room, the
 *   key's index and both public keys (as HKDF info and as GCM additional data);
 * - a safety code from both public keys and the room lets two people compare aloud that no
 *   server swapped a key in between.
 * X25519 is not used: Firefox ESR and Chromium agree on P-256 everywhere.
 */
import {
  IV_BYTES,
  ROOM_KEY_BYTES,
  SALT_BYTES,
  decodeBase64Url,
  type WrappedKey,
} from '../../../src/core/e2ee.js';
import { base64Url } from '../../../src/core/links.js';

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

export interface KeyPair {
  /** Not extractable: it cannot leave this browser, not even through our own code. */
  privateKey: CryptoKey;
  /** Uncompressed point, base64url. */
  publicKey: string;
}

function bytes(text: string, what: string): Uint8Array<ArrayBuffer> {
  const b = decodeBase64Url(text);
  if (!b) throw new Error(`${what} is not base64url`);
  return new Uint8Array(b);
}

function random(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export async function newKeyPair(): Promise<KeyPair> {
  const pair = (await subtle().generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
  const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: base64Url(raw) };
}

/** A fresh room key: 32 random bytes (LiveKit derives its frame keys from them with HKDF). */
export function newRoomKey(): Uint8Array<ArrayBuffer> {
  return random(ROOM_KEY_BYTES);
}

function context(room: string, index: number, from: string, to: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`callink-e2ee-v1|${room}|${index}|${from}|${to}`);
}

async function wrappingKey(
  me: KeyPair,
  theirs: string,
  salt: Uint8Array<ArrayBuffer>,
  info: Uint8Array<ArrayBuffer>,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const peer = await subtle().importKey('raw', bytes(theirs, 'public key'), ECDH, false, []);
  const secret = await subtle().deriveBits({ name: 'ECDH', public: peer }, me.privateKey, 256);
  const hkdf = await subtle().importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/** Wraps `roomKey` (slot `index`) so that only the holder of `to`'s private key can open it. */
export async function wrapRoomKey(o: {
  room: string;
  roomKey: Uint8Array<ArrayBuffer>;
  index: number;
  me: KeyPair;
  to: string;
}): Promise<WrappedKey> {
  const salt = random(SALT_BYTES);
  const iv = random(IV_BYTES);
  const info = context(o.room, o.index, o.me.publicKey, o.to);
  const key = await wrappingKey(o.me, o.to, salt, info, 'encrypt');
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: info }, key, o.roomKey);
  return {
    v: 1,
    from: o.me.publicKey,
    salt: base64Url(salt),
    iv: base64Url(iv),
    ct: base64Url(new Uint8Array(ct)),
    index: o.index,
  };
}

/** Opens a key wrapped for `me`; throws when it was not (or was changed on the way). */
export async function unwrapRoomKey(o: {
  room: string;
  wrapped: WrappedKey;
  me: KeyPair;
}): Promise<Uint8Array<ArrayBuffer>> {
  const w = o.wrapped;
  const info = context(o.room, w.index, w.from, o.me.publicKey);
  const key = await wrappingKey(o.me, w.from, bytes(w.salt, 'salt'), info, 'decrypt');
  const plain = await subtle().decrypt(
    { name: 'AES-GCM', iv: bytes(w.iv, 'iv'), additionalData: info },
    key,
    bytes(w.ct, 'ct'),
  );
  return new Uint8Array(plain);
}

/**
 * Twelve digits in three groups, the same on both sides for the same two public keys in the
 * same room (the order of the keys does not matter), different when either key differs.
 */
export async function safetyCode(room: string, a: string, b: string): Promise<string> {
  const [x, y] = [a, b].sort();
  const text = new TextEncoder().encode(`callink-safety-v1|${room}|${x}|${y}`);
  const digest = new Uint8Array(await subtle().digest('SHA-256', text));
  let n = 0n;
  for (const byte of digest.subarray(0, 8)) n = (n << 8n) | BigInt(byte);
  const digits = (n % 10n ** 12n).toString().padStart(12, '0');
  return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
}
