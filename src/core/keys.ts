/**
 * Named organizer keys. A key is shown once, as `ck_<id>_<secret>`: the id finds the stored
 * record, the secret is checked against its hash, so the server never keeps a usable key.
 */
import { LINK_ALPHABET, base64Url } from './links.js';

export const KEY_ROLES = ['admin', 'organizer'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

export interface ApiKey {
  id: string;
  name: string;
  role: KeyRole;
  /** SHA-256 hex of the whole key. */
  hash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const KEY_ID_LENGTH = 16;
const KEY_PATTERN = new RegExp(`^ck_([${LINK_ALPHABET}]{${KEY_ID_LENGTH}})_[A-Za-z0-9_-]{43}$`);

/** A key id from random bytes (at least KEY_ID_LENGTH of them). */
export function makeKeyId(random: Uint8Array): string {
  let id = '';
  for (let i = 0; i < KEY_ID_LENGTH; i++) id += LINK_ALPHABET[(random[i] ?? 0) & 31];
  return id;
}

/** The plain key handed to its holder once: id plus 32 random bytes. */
export function formatKey(id: string, secret: Uint8Array): string {
  return `ck_${id}_${base64Url(secret)}`;
}

/** The id inside a presented key, or undefined when it is not shaped like one of ours. */
export function keyIdOf(presented: string): string | undefined {
  return KEY_PATTERN.exec(presented)?.[1];
}
