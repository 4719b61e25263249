/**
 * Call link ids.
 *
 * An id is 26 characters of random data (130 bits, base32 without look-alike letters) followed
 * by 2 check characters. The check is a position-weighted sum modulo the prime 1021, so it
 * catches every single changed character and every swap of two neighbours, and a cut id is
 * caught by its length. That lets the join page say "this link is incomplete" instead of
 * "not found" when a mail client breaks a link.
 */

import type { E2eeMode } from './e2ee.js';

/** Crockford's base32 in lower case: no i, l, o, u. */
export const LINK_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const LINK_DATA_LENGTH = 26;
export const LINK_CHECK_LENGTH = 2;
export const LINK_ID_LENGTH = LINK_DATA_LENGTH + LINK_CHECK_LENGTH;
/** Random bytes needed to make one id (136 bits, of which 130 are used). */
export const LINK_RANDOM_BYTES = 17;
const CHECK_MODULUS = 1021;

const VALUE_OF = new Map<string, number>([...LINK_ALPHABET].map((c, i) => [c, i]));

function checkValue(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    sum = (sum + (i + 1) * (VALUE_OF.get(data[i] as string) ?? 0)) % CHECK_MODULUS;
  }
  return sum;
}

function encodeCheck(value: number): string {
  return (LINK_ALPHABET[Math.floor(value / 32)] as string) + (LINK_ALPHABET[value % 32] as string);
}

/** Turns random bytes (at least LINK_RANDOM_BYTES) into a link id with its check characters. */
export function makeLinkId(random: Uint8Array): string {
  if (random.length < LINK_RANDOM_BYTES) {
    throw new RangeError(`makeLinkId needs ${LINK_RANDOM_BYTES} random bytes`);
  }
  let bits = 0;
  let acc = 0;
  let data = '';
  for (const byte of random) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && data.length < LINK_DATA_LENGTH) {
      bits -= 5;
      data += LINK_ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return data + encodeCheck(checkValue(data));
}

export type LinkIdCheck =
  { ok: true; id: string } | { ok: false; reason: 'incomplete' | 'mistyped' | 'malformed' };

/**
 * Checks a link id as it arrived from a URL. Case and look-alike letters are forgiven
 * (O→0, I/L→1) because people retype links from printed invitations.
 */
export function checkLinkId(raw: string): LinkIdCheck {
  const id = raw.trim().toLowerCase().replace(/o/g, '0').replace(/[il]/g, '1');
  if (id.length === 0 || id.length > 64) return { ok: false, reason: 'malformed' };
  for (const c of id) {
    if (!VALUE_OF.has(c)) return { ok: false, reason: 'malformed' };
  }
  if (id.length < LINK_ID_LENGTH) return { ok: false, reason: 'incomplete' };
  if (id.length > LINK_ID_LENGTH) return { ok: false, reason: 'mistyped' };
  const data = id.slice(0, LINK_DATA_LENGTH);
  if (encodeCheck(checkValue(data)) !== id.slice(LINK_DATA_LENGTH)) {
    return { ok: false, reason: 'mistyped' };
  }
  return { ok: true, id };
}

export const DEFAULT_MAX_PARTICIPANTS = 32;
export const MAX_PARTICIPANTS_LIMIT = 100;

export interface Link {
  id: string;
  title: string | null;
  lobby: boolean;
  e2ee: boolean;
  /** How an E2EE link's key reaches people (null or absent: read as a passphrase link). */
  e2eeMode?: E2eeMode | null;
  maxParticipants: number;
  createdAt: Date;
  revokedAt: Date | null;
  /** The organizer key that created it; null for the admin token or the CLI. */
  ownerId: string | null;
}

/** The URL handed out for a link. A passphrase link's key travels only in the fragment. */
export function linkUrl(publicUrl: string, id: string, e2eeKey?: string): string {
  const base = `${publicUrl.replace(/\/+$/, '')}/j/${id}`;
  return e2eeKey === undefined ? base : `${base}#k=${e2eeKey}`;
}

/** Base64url without padding; used for the E2EE key in the link fragment. */
export function base64Url(bytes: Uint8Array): string {
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = bytes.subarray(i, i + 3);
    const n = ((chunk[0] ?? 0) << 16) | ((chunk[1] ?? 0) << 8) | (chunk[2] ?? 0);
    const chars = chunk.length + 1;
    for (let k = 0; k < chars; k++) out += table.charAt((n >> (18 - 6 * k)) & 63);
  }
  return out;
}
