/**
 * Named keys with roles: create (the plain key is returned once), list, revoke. Every change
 * is audited. Hashing is the adapter's job (the core has no crypto), so it is passed in.
 */
import { z } from 'zod';
import { makeAuditId, type Actor } from '../audit.js';
import { AppError } from '../errors.js';
import { KEY_ROLES, formatKey, makeKeyId, type ApiKey } from '../keys.js';
import type { Clock, Ids, Store } from '../ports.js';

export const createKeyInput = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    role: z.enum(KEY_ROLES, { error: () => `must be one of ${KEY_ROLES.join(', ')}` }),
  })
  .strict();
export type CreateKeyInput = z.infer<typeof createKeyInput>;

export interface KeyDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  hash: (secret: string) => string;
}

export interface KeyView {
  id: string;
  name: string;
  role: ApiKey['role'];
  createdAt: string;
  revokedAt: string | null;
}

export function viewKey(key: ApiKey): KeyView {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt ? key.revokedAt.toISOString() : null,
  };
}

const note = (deps: Pick<KeyDeps, 'clock' | 'ids'>, actor: Actor) => {
  const at = deps.clock.now();
  return { id: makeAuditId(at, makeKeyId(deps.ids.randomBytes(16))), at, actor };
};

/** Creates a key; the plain key is in the answer and nowhere else, ever. */
export async function createKey(
  deps: KeyDeps,
  input: CreateKeyInput,
  actor: Actor,
): Promise<KeyView & { key: string }> {
  const id = makeKeyId(deps.ids.randomBytes(16));
  const key = formatKey(id, deps.ids.randomBytes(32));
  const audit = note(deps, actor);
  const stored = await deps.store.keys.insert(
    { id, name: input.name, role: input.role, hash: deps.hash(key), createdAt: audit.at },
    audit,
  );
  return { ...viewKey(stored), key };
}

export async function revokeKey(
  deps: Pick<KeyDeps, 'store' | 'clock' | 'ids'>,
  id: string,
  actor: Actor,
): Promise<void> {
  if (!(await deps.store.keys.revoke(id, note(deps, actor)))) {
    throw new AppError('not_found', 'No key has this id.');
  }
}
