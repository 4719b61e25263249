/**
 * Audit entries for changes made by route handlers (host keys, link revocation, feeds): who,
 * when, what. Never secrets: host keys by their short handle, feeds by id.
 */
import type { Request } from 'express';
import { makeAuditId, type AuditAction } from '../../core/audit.js';
import { base64Url } from '../../core/links.js';
import type { AppDeps } from './context.js';
import { actorOf } from './principal.js';

export async function audit(
  deps: Pick<AppDeps, 'store' | 'clock' | 'ids'>,
  req: Request,
  action: AuditAction,
  target: string,
  change: { before?: unknown; after?: unknown } = {},
): Promise<void> {
  const at = deps.clock.now();
  await deps.store.audit.record(
    { id: makeAuditId(at, base64Url(deps.ids.randomBytes(9))), at, actor: actorOf(req) },
    { action, target, before: change.before ?? null, after: change.after ?? null },
  );
}
