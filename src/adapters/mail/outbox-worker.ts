/**
 * Sends what the outbox holds. Mail is queued in the same transaction as the event change, so
 * a dead SMTP server never loses an event or an invite: failed mail is retried with backoff,
 * across restarts. Each worker leases mail under its own owner token and renews the lease of
 * every mail right before sending it, so a batch never outlives its lease: a mail whose lease
 * passed to another instance is skipped, not sent twice. A refusal for good (SMTP 5xx) moves
 * the mail to the dead letters with the server's reason instead of retrying it forever.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock, Store } from '../../core/ports.js';
import type { MailSender } from './transport.js';

export interface OutboxWorker {
  /** Sends every mail due now; resolves with how many went out. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

export const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;
/** Temporary failures are retried this often (about three days at the longest backoff). */
export const MAX_ATTEMPTS = 80;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 15_000 * 2 ** Math.max(0, attempts));
}

/**
 * True for an SMTP answer that will not change on a retry: a 5xx reply to the envelope or
 * the message (nodemailer's `responseCode`). 4xx replies and connection failures are retried.
 */
export function isPermanentMailError(error: unknown): boolean {
  const code = Number((error as { responseCode?: unknown } | null)?.responseCode);
  return Number.isInteger(code) && code >= 500 && code < 600;
}

export function startOutboxWorker(deps: {
  store: Store;
  clock: Clock;
  sender: MailSender;
  logger: Logger;
  /** Poll period; 0 to only drain on demand (tests). */
  intervalMs?: number;
  /** Lease length (tests shorten it); a single send must finish well within it. */
  leaseMs?: number;
  /** The lease holder's token; one per worker by default. */
  owner?: string;
}): OutboxWorker {
  let running: Promise<number> | undefined;
  let stopped = false;
  const owner = deps.owner ?? randomUUID();
  const leaseMs = deps.leaseMs ?? LEASE_MS;
  const outbox = deps.store.outbox;
  const leaseFromNow = () => new Date(deps.clock.now().getTime() + leaseMs);

  const sendOne = async (mail: Awaited<ReturnType<typeof outbox.claimDue>>[number]) => {
    // Renewed right before the send: another worker may have taken it while earlier mail of
    // this batch went out slowly.
    if (!(await outbox.renew(mail.id, owner, leaseFromNow()))) return false;
    try {
      await deps.sender.send(mail);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (isPermanentMailError(error) || mail.attempts + 1 >= MAX_ATTEMPTS) {
        deps.logger.error(
          { mailId: mail.id, attempts: mail.attempts + 1, err: error },
          'mail refused for good; moved to the dead letters',
        );
        await outbox.markDead(mail.id, reason, deps.clock.now(), owner);
        return false;
      }
      const retryAt = new Date(deps.clock.now().getTime() + backoffMs(mail.attempts));
      deps.logger.warn(
        { mailId: mail.id, attempts: mail.attempts + 1, err: error },
        'mail not sent; will retry',
      );
      await outbox.markFailed(mail.id, reason, retryAt, owner);
      return false;
    }
    if (!(await outbox.markSent(mail.id, deps.clock.now(), owner))) {
      deps.logger.warn({ mailId: mail.id }, 'mail sent after its lease passed to another worker');
    }
    return true;
  };

  const once = async (): Promise<number> => {
    let sent = 0;
    for (;;) {
      const now = deps.clock.now();
      const batch = await outbox.claimDue(now, new Date(now.getTime() + leaseMs), 20, owner);
      if (batch.length === 0) return sent;
      for (const [i, mail] of batch.entries()) {
        if (stopped) {
          // Give the rest back at once rather than letting it wait for the lease to end.
          for (const rest of batch.slice(i)) await outbox.release(rest.id, owner);
          return sent;
        }
        if (await sendOne(mail)) sent++;
      }
    }
  };
  const drain = (): Promise<number> => {
    running ??= once().finally(() => {
      running = undefined;
    });
    return running;
  };
  const interval = deps.intervalMs ?? 5000;
  const timer =
    interval > 0
      ? setInterval(() => {
          if (!stopped)
            drain().catch((err: unknown) => deps.logger.error({ err }, 'outbox failed'));
        }, interval)
      : undefined;
  timer?.unref();
  return {
    drain,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
      deps.sender.close();
    },
  };
}
