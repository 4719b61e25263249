/**
 * The interfaces adapters implement. The core depends only on these.
 */
import type { Link } from './links.js';

export interface Clock {
  now(): Date;
}

export interface Ids {
  /** Cryptographically strong random bytes. */
  randomBytes(length: number): Uint8Array;
}

export interface NewLink {
  id: string;
  title: string | null;
  lobby: boolean;
  e2ee: boolean;
  maxParticipants: number;
  createdAt: Date;
  ownerId: string | null;
}

export interface LinkRepo {
  insert(link: NewLink): Promise<Link>;
  get(id: string): Promise<Link | undefined>;
  /** Newest first. With ownerId, only that owner's links. */
  list(options?: { ownerId?: string | null; limit?: number }): Promise<Link[]>;
  /** Marks the link revoked; returns false when it does not exist. Revoking twice keeps the first time. */
  revoke(id: string, at: Date): Promise<boolean>;
  count(): Promise<number>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly links: LinkRepo;
  /** Cheap round trip, for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
