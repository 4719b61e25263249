/**
 * The server's part in an exchange-mode E2EE call: remember each browser's public key (it is
 * put into that participant's token, where everyone in the room reads it), keep the room key a
 * host wrapped for an admitted guest until the guest collects it, and relay wrapped keys to
 * people already in the call. Every key that passes through here is a ciphertext for one
 * recipient's private key, which never leaves that recipient's browser.
 */
import {
  E2EE_TOPIC,
  MAX_KEYS_PER_RELAY,
  e2eeModeOf,
  parsePublicKey,
  parseWrappedKey,
  type WrappedKey,
} from '../e2ee.js';
import { AppError } from '../errors.js';
import type { Link } from '../links.js';
import type { Clock, Rooms, Store } from '../ports.js';
import { requireRooms, roomOf } from './join.js';

/** The participant attribute carrying an E2EE participant's public key. */
export const PUBLIC_KEY_ATTRIBUTE = 'callink.pk';

export function isKeyExchange(link: Link): boolean {
  return e2eeModeOf(link) === 'exchange';
}

/** The public key a join must carry on an exchange-mode link (undefined for other links). */
export function joinPublicKey(link: Link, raw: unknown): string | undefined {
  return isKeyExchange(link) ? parsePublicKey(raw) : undefined;
}

export function keyAttributes(publicKey: string | undefined): Record<string, string> {
  return publicKey ? { [PUBLIC_KEY_ATTRIBUTE]: publicKey } : {};
}

/**
 * Stores the wrapped key for an admitted guest. The ticket's guest must be waiting on this
 * link: a key addressed to anyone else is refused with not_found.
 */
export async function storeKeyForGuest(
  deps: { store: Store },
  link: Link,
  identity: string,
  rawKey: unknown,
): Promise<WrappedKey> {
  if (rawKey === undefined) {
    throw new AppError(
      'invalid_wrapped_key',
      'This call is end-to-end encrypted: admit guests from inside the call, where your browser hands them the key.',
    );
  }
  const key = parseWrappedKey(rawKey);
  const peer = await deps.store.e2ee.get(link.id, identity);
  if (!peer || peer.removedAt) {
    throw new AppError('not_found', 'Nobody with this ticket is waiting for this call.');
  }
  await deps.store.e2ee.setWrappedKey(link.id, identity, key);
  return key;
}

/** Who a relay addresses, and what: `{keys: [{to: identity, key: WrappedKey}]}`. */
export function parseRelay(body: unknown): { to: string; key: WrappedKey }[] {
  const keys = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_KEYS_PER_RELAY) {
    throw new AppError(
      'validation_failed',
      `Send {"keys": [{"to": identity, "key": wrapped key}]} with 1 to ${MAX_KEYS_PER_RELAY} keys.`,
    );
  }
  return keys.map((entry: unknown) => {
    const e = entry as { to?: unknown; key?: unknown } | null;
    if (typeof e?.to !== 'string' || e.to.length === 0 || e.to.length > 128) {
      throw new AppError('validation_failed', 'Each key needs "to": the recipient’s identity.');
    }
    return { to: e.to, key: parseWrappedKey(e.key) };
  });
}

/**
 * Relays wrapped keys from a host's browser to participants in the call, as data messages on
 * E2EE_TOPIC. All recipients are checked first (unknown or removed: not_found), so a relay is
 * sent whole or not at all.
 */
export async function relayKeys(
  deps: { store: Store; rooms?: Rooms | undefined },
  link: Link,
  body: unknown,
): Promise<number> {
  if (!isKeyExchange(link)) {
    throw new AppError(
      'conflict',
      'This call does not exchange keys: it is not end-to-end encrypted by key exchange.',
    );
  }
  const keys = parseRelay(body);
  for (const { to } of keys) {
    const peer = await deps.store.e2ee.get(link.id, to);
    if (!peer || peer.removedAt) {
      throw new AppError('not_found', 'Nobody with this identity may receive this call’s key.');
    }
  }
  const rooms = requireRooms(deps.rooms);
  await Promise.all(
    keys.map(({ to, key }) => rooms.notify(roomOf(link), [to], E2EE_TOPIC, { type: 'key', key })),
  );
  return keys.length;
}

/** Marks a removed participant so that no host's browser can relay it a key again. */
export async function forgetRemoved(
  deps: { store: Store; clock: Clock },
  link: Link,
  identity: string,
): Promise<void> {
  if (isKeyExchange(link)) await deps.store.e2ee.markRemoved(link.id, identity, deps.clock.now());
}
