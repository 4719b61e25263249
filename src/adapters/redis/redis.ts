/**
 * Redis shared by every instance (CALLINK_REDIS_URL): rate-limit counters (express-rate-limit's
 * Redis store) and pub/sub for lobby wake-ups. Commands fail at once while Redis is away
 * (no offline queue), so a request never waits on it; the client reconnects by itself.
 */
import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { MessageBus } from '../../core/store-ports.js';

export interface SharedRedis {
  /** For rate-limit-redis: one raw command. */
  sendCommand(args: string[]): Promise<unknown>;
  bus: MessageBus;
  close(): Promise<void>;
}

export async function connectRedis(url: string, logger: Logger): Promise<SharedRedis> {
  let warned = false;
  const options = {
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries: number) => Math.min(5000, 100 * 2 ** retries),
    },
  };
  const client = createClient(options);
  const subscriber = client.duplicate();
  for (const c of [client, subscriber]) {
    c.on('error', (err: unknown) => {
      // Logged once per outage: a reconnecting client reports every failed try.
      if (!warned) logger.warn({ err }, 'Redis is unreachable; retrying');
      warned = true;
    });
    c.on('ready', () => (warned = false));
  }
  await Promise.all([client.connect(), subscriber.connect()]);
  const handlers = new Map<string, Set<(message: string) => void>>();
  const bus: MessageBus = {
    async publish(topic, message) {
      await client.publish(topic, message);
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        const fresh = new Set<(message: string) => void>();
        set = fresh;
        handlers.set(topic, fresh);
        subscriber
          .subscribe(topic, (message) => {
            for (const h of fresh) h(message);
          })
          .catch((err: unknown) => logger.warn({ err }, 'Redis subscribe failed'));
      }
      set.add(handler);
      const mine = set;
      return () => {
        mine.delete(handler);
      };
    },
    async close() {
      /* closed with the clients */
    },
  };
  return {
    sendCommand: (args) => client.sendCommand(args),
    bus,
    async close() {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
    },
  };
}
