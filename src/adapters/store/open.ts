import type { Store } from '../../core/ports.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { createAuditRepo } from './repos/audit.js';
import { createKeyRepo } from './repos/keys.js';
import { createLinkRepo } from './repos/links.js';
import { createPolicyRepo } from './repos/policy.js';
import { createAttendanceRepo } from './repos/attendance.js';
import { createHostKeyRepo } from './repos/host-keys.js';
import { createLobbyRepo } from './repos/lobby.js';
import type { Sql } from './sql.js';

/** Migrates the database and assembles the repositories: the same for both dialects. */
export async function openStore(
  kind: Store['kind'],
  sql: Sql,
  close: () => Promise<void>,
  locked: <T>(fn: (db: Sql) => Promise<T>) => Promise<T> = (fn) => fn(sql),
): Promise<Store> {
  try {
    await locked((db) => migrate(db, migrations, () => Date.now()));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    kind,
    links: createLinkRepo(sql),
    policy: createPolicyRepo(sql),
    keys: createKeyRepo(sql),
    audit: createAuditRepo(sql),
    lobby: createLobbyRepo(sql),
    hostKeys: createHostKeyRepo(sql),
    attendance: createAttendanceRepo(sql),
    async ping() {
      await sql.get('SELECT 1 AS ok');
    },
    close,
  };
}
