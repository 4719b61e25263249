/**
 * What the HTTP adapter needs from the composition root, and what it attaches to requests.
 */
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Policy } from '../../core/policy.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Metrics } from './metrics.js';
import type { SharedRedis } from '../redis/redis.js';
import type { MailboxStatus } from '../imap/reply-reader.js';
import type { Clock, Ids, Rooms, Store } from '../../core/ports.js';

export type Principal =
  | { kind: 'admin'; id: null }
  | { kind: 'key'; id: string; role: 'admin' | 'organizer'; name?: string };

export interface AppDeps {
  config: Readonly<Config>;
  store: Store;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** SHA-256 hex of the admin token. */
  adminTokenHash: string;
  /** The policy in force; read per request so changes apply at once. */
  policy: () => Promise<Policy>;
  /** Called after this instance changed the policy, so a cache in front of policy() drops it. */
  policyChanged?: () => void;
  /** Heavy work (import, lint, feeds): the worker pool in the server; inline when absent. */
  jobs?: Jobs;
  /** Prometheus metrics; createApp makes its own when absent. */
  metrics?: Metrics;
  /** The media server; undefined when none is configured (calls are then unavailable). */
  rooms?: Rooms | undefined;
  /** Set with CALLINK_REDIS_URL: rate limits and lobby wake-ups shared through Redis. */
  redis?: SharedRedis | undefined;
  /** The REPLY mailbox reader (CALLINK_IMAP_URL set): its status for /healthz and the page. */
  mailbox?: { status(): MailboxStatus; checkNow(): Promise<number> } | undefined;
  /** Checks a LiveKit webhook over its raw body; throws AppError('unauthorized') if forged. */
  verifyLivekitWebhook?:
    ((rawBody: string, authorization: string | undefined) => Promise<unknown>) | undefined;
}

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    principal?: Principal;
  }
}
