/**
 * The embedded default store: one SQLite file in the data dir, WAL journal, and
 * synchronous=FULL so that an acknowledged write survives a crash or power cut.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Sql, SqlValue } from './sql.js';
import { openStore } from './open.js';
import type { Store } from '../../core/ports.js';

export function createSqliteSql(file: string): { sql: Sql; close: () => void } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  const cache = new Map<string, Database.Statement>();
  const prepare = (text: string): Database.Statement => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = db.prepare(text);
      if (cache.size > 500) cache.clear();
      cache.set(text, stmt);
    }
    return stmt;
  };
  // better-sqlite3 is synchronous, so transactions cannot interleave with other queries on
  // this connection except across an await inside tx(): a queue keeps them apart.
  let queue: Promise<unknown> = Promise.resolve();
  let inTx = 0;

  const direct: Sql = {
    dialect: 'sqlite',
    async all<T>(text: string, params: readonly SqlValue[] = []) {
      return prepare(text).all(...params) as T[];
    },
    async get<T>(text: string, params: readonly SqlValue[] = []) {
      return prepare(text).get(...params) as T | undefined;
    },
    async run(text: string, params: readonly SqlValue[] = []) {
      const stmt = prepare(text);
      if (!stmt.reader) return { changes: stmt.run(...params).changes };
      stmt.all(...params);
      return { changes: 0 };
    },
    tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
      const run = async (): Promise<T> => {
        db.exec('BEGIN IMMEDIATE');
        inTx++;
        try {
          const result = await fn(inner);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          inTx--;
        }
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
  // Inside a transaction a nested tx() (a repository's own, under store.transaction) joins it,
  // as on PostgreSQL; queueing it behind the running one would wait forever.
  const inner: Sql = { ...direct, tx: (fn) => fn(inner) };
  // Plain statements wait for a running transaction so they never land inside it.
  const sql: Sql = {
    dialect: 'sqlite',
    all: (t, p) => (inTx ? queue.then(() => direct.all(t, p)) : direct.all(t, p)),
    get: (t, p) => (inTx ? queue.then(() => direct.get(t, p)) : direct.get(t, p)),
    run: (t, p) => (inTx ? queue.then(() => direct.run(t, p)) : direct.run(t, p)),
    tx: (fn) => direct.tx(fn),
  };
  return { sql, close: () => db.close() };
}

export async function createSqliteStore(options: {
  dataDir: string;
  file?: string;
}): Promise<Store> {
  const file = options.file ?? join(options.dataDir, 'callink.sqlite');
  privateFiles(options.dataDir, file);
  const { sql, close } = createSqliteSql(file);
  privateFiles(options.dataDir, file);
  return openStore('sqlite', sql, async () => close());
}

/**
 * The database holds every link id, i.e. a way into every call: the data dir is 0700 and the
 * database with its WAL and shared-memory files 0600, whatever the umask. SQLite gives the
 * -wal and -shm files the database file's mode.
 */
function privateFiles(dir: string, file: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(f)) chmodSync(f, 0o600);
  }
}
