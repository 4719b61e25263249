/**
 * Watches a SQLite store file from a second, read-only connection, to prove a request changed
 * nothing: PRAGMA data_version moves whenever another connection commits, so an unchanged
 * version means no write at all; when it moved, every table is compared with the snapshot
 * taken before. Cheap enough to run around each of thousands of fuzz cases.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface StoreWatch {
  /** Call before a request: remembers the current contents (re-read only after a write). */
  mark(): void;
  /** After a request: null when nothing changed, else the name of the first changed table. */
  changed(): string | null;
  close(): void;
}

export function watchSqliteStore(dataDir: string): StoreWatch {
  const db = new Database(join(dataDir, 'callink.sqlite'), { readonly: true });
  const version = () => db.pragma('data_version', { simple: true }) as number;
  const tables = () =>
    (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[]
    ).map((r) => r.name);
  const read = () =>
    new Map(
      tables().map((t) => [
        t,
        JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all()),
      ]),
    );
  let seen = version();
  let before = read();
  return {
    mark() {
      if (version() === seen) return;
      seen = version();
      before = read();
    },
    changed() {
      if (version() === seen) return null;
      const now = read();
      for (const [t, rows] of now) if (before.get(t) !== rows) return t;
      return before.size === now.size ? null : 'tables';
    },
    close: () => db.close(),
  };
}
