import type { Config } from '../config.js';
import { createStore } from '../adapters/store/index.js';
import type { Store } from '../core/ports.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliContext {
  config: Readonly<Config>;
  env: Record<string, string | undefined>;
  io: CliIo;
}

/** A CLI command: gets the words after its name; returns the exit code (-1: keep running). */
export interface CliCommand {
  usage: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

export async function withStore<T>(
  config: Readonly<Config>,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await createStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
