/**
 * Wakes long polls on a lobby ticket the moment a host answers. The answer may be given on
 * another instance: with a message bus (Redis pub/sub when configured, else PostgreSQL
 * LISTEN/NOTIFY) every instance hears of it at once. Polls still re-read the store now and
 * then (`recheckMs`), once a second without a bus, rarely with one, in case a message was lost.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { MessageBus } from '../../core/store-ports.js';

export interface LobbySignal {
  notify(ticket: string): void;
  /** Resolves when the ticket is answered (here or elsewhere), or after ms, or on abort. */
  wait(ticket: string, ms: number, signal: AbortSignal): Promise<void>;
  /** How long a waiting poll may go without re-reading the store. */
  readonly recheckMs: number;
}

export const LOBBY_TOPIC = 'callink_lobby';

export function createLobbySignal(
  options: { bus?: MessageBus; logger?: Logger } = {},
): LobbySignal {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const bus = options.bus;
  bus?.subscribe(LOBBY_TOPIC, (ticket) => emitter.emit(ticket));
  return {
    recheckMs: bus ? 10_000 : 1000,
    notify: (ticket) => {
      emitter.emit(ticket);
      bus
        ?.publish(LOBBY_TOPIC, ticket)
        .catch((err: unknown) => options.logger?.warn({ err }, 'lobby wake-up not published'));
    },
    wait: (ticket, ms, signal) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          emitter.off(ticket, done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        emitter.once(ticket, done);
        signal.addEventListener('abort', done, { once: true });
      }),
  };
}
