import type { Store } from '../../core/ports.js';
import { createPostgresStore } from './postgres.js';
import { createSqliteStore } from './sqlite.js';

/** PostgreSQL when a database URL is given, else the embedded SQLite file in the data dir. */
export function createStore(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  migrationWaitMs?: number;
}): Promise<Store> {
  return options.databaseUrl
    ? createPostgresStore({
        url: options.databaseUrl,
        ...(options.migrationWaitMs ? { migrationWaitMs: options.migrationWaitMs } : {}),
      })
    : createSqliteStore({ dataDir: options.dataDir });
}
