/**
 * Sends what the outbox holds. Mail is queued in the same transaction as the event change, so
 * a dead SMTP server never loses an event or an invite: failed mail is retried with backoff,
 * across restarts, and a lease keeps two instances from sending the same mail at once.
 */
import type { Logger } from 'pino';
import type { Clock, Store } from '../../core/ports.js';
import type { MailSender } from './transport.js';

export interface OutboxWorker {
  /** Sends every mail due now; resolves with how many went out. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 15_000 * 2 ** Math.max(0, attempts));
}

export function startOutboxWorker(deps: {
  store: Store;
  clock: Clock;
  sender: MailSender;
  logger: Logger;
  /** Poll period; 0 to only drain on demand (tests). */
  intervalMs?: number;
}): OutboxWorker {
  let running: Promise<number> | undefined;
  let stopped = false;

  const once = async (): Promise<number> => {
    let sent = 0;
    for (;;) {
      const now = deps.clock.now();
      const batch = await deps.store.outbox.claimDue(now, new Date(now.getTime() + LEASE_MS), 20);
      if (batch.length === 0) return sent;
      for (const mail of batch) {
        try {
          await deps.sender.send(mail);
          await deps.store.outbox.markSent(mail.id, deps.clock.now());
          sent++;
        } catch (error) {
          const retryAt = new Date(deps.clock.now().getTime() + backoffMs(mail.attempts));
          deps.logger.warn(
            { mailId: mail.id, attempts: mail.attempts + 1, err: error },
            'mail not sent; will retry',
          );
          await deps.store.outbox.markFailed(
            mail.id,
            error instanceof Error ? error.message : String(error),
            retryAt,
          );
        }
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
