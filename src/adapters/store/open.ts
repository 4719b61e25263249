import type { Store } from '../../core/ports.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { createAttendanceRepo } from './repos/attendance.js';
import { createAuditRepo } from './repos/audit.js';
import { createEventRepo } from './repos/events.js';
import { createHostKeyRepo } from './repos/host-keys.js';
import { createImportLinkRepo } from './repos/import-links.js';
import { createKeyRepo } from './repos/keys.js';
import { createLinkRepo } from './repos/links.js';
import { createLobbyRepo } from './repos/lobby.js';
import { createCounterRepo } from './repos/counters.js';
import { createOutboxRepo } from './repos/outbox.js';
import { createPolicyRepo } from './repos/policy.js';
import { createFeedRepo, createTeamRepo } from './repos/teams.js';
import type { MessageBus } from '../../core/store-ports.js';
import {
  createEventLookup,
  createInviteeTokenRepo,
  createMailReplyRepo,
  createRsvpRepo,
  createScheduleRepo,
} from './repos/rsvp.js';
import type { Sql } from './sql.js';

/** Migrates the database and assembles the repositories: the same for both dialects. */
export async function openStore(
  kind: Store['kind'],
  sql: Sql,
  close: () => Promise<void>,
  locked: <T>(fn: (db: Sql) => Promise<T>) => Promise<T> = (fn) => fn(sql),
  bus?: MessageBus,
): Promise<Store> {
  try {
    await locked((db) => migrate(db, migrations, () => Date.now()));
  } catch (error) {
    await close();
    throw error;
  }
  const assemble = (db: Sql, inTx: boolean): Store => {
    const store: Store = {
      kind,
      links: createLinkRepo(db),
      lobby: createLobbyRepo(db),
      hostKeys: createHostKeyRepo(db),
      attendance: createAttendanceRepo(db),
      importLinks: createImportLinkRepo(db),
      events: createEventRepo(db),
      teams: createTeamRepo(db),
      feeds: createFeedRepo(db),
      outbox: createOutboxRepo(db),
      policy: createPolicyRepo(db),
      keys: createKeyRepo(db),
      audit: createAuditRepo(db),
      counters: createCounterRepo(db),
      bus,
      invitees: createInviteeTokenRepo(db),
      rsvps: createRsvpRepo(db),
      replies: createMailReplyRepo(db),
      schedules: createScheduleRepo(db),
      eventLookup: createEventLookup(db),
      transaction: (fn) => (inTx ? fn(store) : db.tx((tx) => fn(assemble(tx, true)))),
      async ping() {
        await db.get('SELECT 1 AS ok');
      },
      close,
    };
    return store;
  };
  return assemble(sql, false);
}
