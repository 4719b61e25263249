/**
 * Wakes long polls on a lobby ticket the moment a host answers on this instance. Polls also
 * re-read the store every second, so answers given on another instance arrive too.
 */
import { EventEmitter } from 'node:events';

export interface LobbySignal {
  notify(ticket: string): void;
  /** Resolves when the ticket is answered here, or after ms, or when the signal aborts. */
  wait(ticket: string, ms: number, signal: AbortSignal): Promise<void>;
}

export function createLobbySignal(): LobbySignal {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify: (ticket) => emitter.emit(ticket),
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
