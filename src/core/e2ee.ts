/**
 * End-to-end encryption by key exchange (FaceTime's model): the room key is made in a host's
 * browser and handed to each participant wrapped for that participant's ephemeral ECDH P-256
 * public key. The server only checks the shapes below and relays them; it never holds a key
 * that opens anything. Shared by the server (validation) and web/ (the wire format).
 */
import { AppError } from './errors.js';

/**
 * `exchange`: the key is handed over in the call (the default for `e2ee: true`).
 * `passphrase`: the legacy link whose key travels in the URL fragment (`#k=`).
 */
export type E2eeMode = 'exchange' | 'passphrase';
export const E2EE_MODES: readonly E2eeMode[] = ['exchange', 'passphrase'];

/** The data topic on which wrapped keys reach participants already in the call. */
export const E2EE_TOPIC = 'callink.e2ee';
/** LiveKit's key ring holds this many keys; key indexes wrap around it. */
export const KEY_RING_SIZE = 16;
/** An uncompressed P-256 point: 0x04 ‖ x ‖ y. */
export const PUBLIC_KEY_BYTES = 65;
export const ROOM_KEY_BYTES = 32;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
/** AES-GCM of a 32-byte room key: the key and a 16-byte tag. */
export const WRAPPED_BYTES = ROOM_KEY_BYTES + 16;

/** A room key wrapped for one recipient (all byte fields base64url without padding). */
export interface WrappedKey {
  v: 1;
  /** The sender's public key: the recipient needs it for ECDH, and for the safety code. */
  from: string;
  salt: string;
  iv: string;
  ct: string;
  /** The key's slot in LiveKit's key ring (0..KEY_RING_SIZE-1). */
  index: number;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes base64url without padding; undefined when it is not that. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!B64URL.test(text) || text.length % 4 === 1) return undefined;
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const c of text) {
    acc = (acc << 6) | table.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  return out.subarray(0, n);
}

function bytesOf(raw: unknown, length: number): Uint8Array | undefined {
  // Checked before decoding: an oversize field is refused without work proportional to it.
  if (typeof raw !== 'string' || raw.length > Math.ceil((length * 4) / 3)) return undefined;
  const bytes = decodeBase64Url(raw);
  return bytes?.length === length ? bytes : undefined;
}

/** True for an uncompressed P-256 public key in base64url (its curve check is the browser's). */
export function isPublicKey(raw: unknown): raw is string {
  const bytes = bytesOf(raw, PUBLIC_KEY_BYTES);
  return bytes !== undefined && bytes[0] === 0x04;
}

/** The public key of a browser joining an exchange-mode call, or 400 invalid_public_key. */
export function parsePublicKey(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') {
    throw new AppError(
      'invalid_public_key',
      'This call is end-to-end encrypted: the request must carry the browser’s public key (publicKey).',
    );
  }
  if (!isPublicKey(raw)) {
    throw new AppError(
      'invalid_public_key',
      'publicKey must be an uncompressed P-256 public key: 65 bytes in base64url.',
    );
  }
  return raw;
}

/** A wrapped room key as received from a host's browser, or 400 invalid_wrapped_key. */
export function parseWrappedKey(raw: unknown): WrappedKey {
  const fail = (why: string) =>
    new AppError('invalid_wrapped_key', `The wrapped key is not valid: ${why}.`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail('not an object');
  const r = raw as Record<string, unknown>;
  const extra = Object.keys(r).filter(
    (k) => !['v', 'from', 'salt', 'iv', 'ct', 'index'].includes(k),
  );
  if (extra.length > 0) throw fail('unknown fields');
  if (r.v !== 1) throw fail('v must be 1');
  if (!isPublicKey(r.from)) throw fail('from must be a P-256 public key');
  if (!bytesOf(r.salt, SALT_BYTES)) throw fail(`salt must be ${SALT_BYTES} bytes`);
  if (!bytesOf(r.iv, IV_BYTES)) throw fail(`iv must be ${IV_BYTES} bytes`);
  if (!bytesOf(r.ct, WRAPPED_BYTES)) throw fail(`ct must be ${WRAPPED_BYTES} bytes`);
  if (
    !Number.isInteger(r.index) ||
    (r.index as number) < 0 ||
    (r.index as number) >= KEY_RING_SIZE
  ) {
    throw fail(`index must be 0..${KEY_RING_SIZE - 1}`);
  }
  return {
    v: 1,
    from: r.from,
    salt: r.salt as string,
    iv: r.iv as string,
    ct: r.ct as string,
    index: r.index as number,
  };
}

/** What a host relays to participants already in the call (rotation, a later host). */
export const MAX_KEYS_PER_RELAY = 100;

/** The E2EE mode of a link, with links from before modes existed read as passphrase links. */
export function e2eeModeOf(link: { e2ee: boolean; e2eeMode?: E2eeMode | null }): E2eeMode | null {
  if (!link.e2ee) return null;
  return link.e2eeMode ?? 'passphrase';
}
