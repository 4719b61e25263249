import type { AuditAction, AuditEntry, AuditNote } from '../../../core/audit.js';
import type { AuditRepo } from '../../../core/ports.js';
import type { Sql } from '../sql.js';

interface AuditRow {
  id: string;
  at: number | string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string;
  before_json: string | null;
  after_json: string | null;
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/** Writes one entry; callers run it in the same transaction as the change it records. */
export async function insertAudit(
  db: Sql,
  note: AuditNote,
  change: { action: AuditAction; target: string; before: unknown; after: unknown },
): Promise<void> {
  await db.run(
    'INSERT INTO audit_log (id, at, actor_kind, actor_id, actor_name, action, target, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      note.id,
      note.at.getTime(),
      note.actor.kind,
      note.actor.id,
      note.actor.name,
      change.action,
      change.target,
      change.before === undefined ? null : JSON.stringify(change.before),
      change.after === undefined ? null : JSON.stringify(change.after),
    ],
  );
}

export function createAuditRepo(db: Sql): AuditRepo {
  return {
    record: (note, change) => insertAudit(db, note, change),
    async list(options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
      const rows =
        options.before === undefined
          ? await db.all<AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?', [limit])
          : await db.all<AuditRow>(
              'SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?',
              [options.before, limit],
            );
      return rows.map((r): AuditEntry => ({
        id: r.id,
        at: new Date(Number(r.at)),
        actor: {
          kind: r.actor_kind as AuditEntry['actor']['kind'],
          id: r.actor_id,
          name: r.actor_name,
        },
        action: r.action as AuditAction,
        target: r.target,
        before: parse(r.before_json),
        after: parse(r.after_json),
      }));
    },
  };
}
