/**
 * Messages between callink instances on one PostgreSQL: NOTIFY to publish, one LISTEN
 * connection of its own (outside the pool, no query timeout) to receive. The connection is
 * opened on the first subscribe and re-opened with backoff when it breaks; what is sent
 * meanwhile is lost, which is why receivers also re-read the store now and then.
 */
import pg from 'pg';
import type { MessageBus } from '../../core/store-ports.js';

/** PostgreSQL channel names are identifiers: keep topics to safe ones. */
function channel(topic: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(topic)) throw new Error(`bad bus topic ${topic}`);
  return topic;
}

export function createPgBus(url: string, pool: pg.Pool): MessageBus {
  const handlers = new Map<string, Set<(message: string) => void>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let retryMs = 100;

  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      while (!closed) {
        const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
        try {
          await c.connect();
          for (const topic of handlers.keys()) await c.query(`LISTEN ${channel(topic)}`);
          c.on('notification', (n) => {
            for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
          });
          const lost = () => {
            if (client !== c) return;
            client = undefined;
            c.end().catch(() => undefined);
            if (!closed) setTimeout(() => void connect(), retryMs).unref();
          };
          c.on('error', lost);
          c.on('end', lost);
          client = c;
          retryMs = 100;
          return;
        } catch {
          await c.end().catch(() => undefined);
          await new Promise((r) => setTimeout(r, retryMs).unref());
          retryMs = Math.min(5000, retryMs * 2);
        }
      }
    })().finally(() => (connecting = undefined)));

  return {
    async publish(topic, message) {
      await pool.query('SELECT pg_notify($1, $2)', [channel(topic), message]);
    },
    subscribe(topic, handler) {
      let set = handlers.get(channel(topic));
      if (!set) {
        set = new Set();
        handlers.set(topic, set);
        if (client) client.query(`LISTEN ${topic}`).catch(() => undefined);
      }
      set.add(handler);
      if (!client) void connect();
      return () => {
        set.delete(handler);
      };
    },
    async close() {
      closed = true;
      await connecting?.catch(() => undefined);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
