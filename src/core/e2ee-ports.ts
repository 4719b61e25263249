/**
 * The store's view of an exchange-mode E2EE call: who sent which public key, and the wrapped
 * room key waiting for an admitted guest. Nothing here opens the call's media.
 */
import type { WrappedKey } from './e2ee.js';

export interface E2eePeer {
  linkId: string;
  /** The participant's identity in the room (a guest's comes from its lobby ticket). */
  identity: string;
  publicKey: string;
  host: boolean;
  /** The room key a host wrapped for this guest at admission; null until then. */
  wrappedKey: WrappedKey | null;
  createdAt: Date;
  /** Set when a host removed this participant: no key is relayed to it again. */
  removedAt: Date | null;
}

export interface E2eePeerRepo {
  /** Records a participant's public key; a second record for the same identity changes nothing. */
  put(peer: Omit<E2eePeer, 'wrappedKey' | 'removedAt'>): Promise<void>;
  get(linkId: string, identity: string): Promise<E2eePeer | undefined>;
  /** Stores the key wrapped for this participant; false when there is no such participant. */
  setWrappedKey(linkId: string, identity: string, key: WrappedKey): Promise<boolean>;
  /** Marks a participant removed (keeps the first time); false when unknown. */
  markRemoved(linkId: string, identity: string, at: Date): Promise<boolean>;
}
