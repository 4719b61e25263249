/**
 * Read and replace the organization's policy. Every replacement is audited.
 */
import { makeAuditId, type Actor } from '../audit.js';
import { AppError } from '../errors.js';
import { makeKeyId } from '../keys.js';
import { policyFromStored, policySchema, type Policy } from '../policy.js';
import type { Clock, Ids, Store } from '../ports.js';

/** The policy in force: the stored one, or the defaults when none was saved. */
export async function currentPolicy(store: Store): Promise<Policy> {
  return policyFromStored((await store.policy.get()) ?? {}).policy;
}

/**
 * The policy in force for every request, parsed again only when the stored row changed: each
 * call reads the row's stamp (one primary-key read), so a change made by any instance on the
 * shared database applies at once, as with currentPolicy.
 */
export function policyReader(store: Store): () => Promise<Policy> {
  let cached: { stamp: string | undefined; policy: Policy } | undefined;
  return async () => {
    const stamp = await store.policy.stamp();
    if (cached && cached.stamp === stamp) return cached.policy;
    // Read after the stamp: a change in between is seen by the next call's stamp.
    const policy = await currentPolicy(store);
    cached = { stamp, policy };
    return policy;
  };
}

/** Checks a proposed policy: the policy, or every problem each with its field. */
export function checkPolicy(
  input: unknown,
): { ok: true; policy: Policy } | { ok: false; problems: { path: string; message: string }[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      problems: [{ path: '', message: 'send the whole policy as a JSON object' }],
    };
  }
  const result = policySchema.safeParse(input);
  return result.success
    ? { ok: true, policy: result.data }
    : {
        ok: false,
        problems: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      };
}

/**
 * Replaces the whole policy, or refuses it whole (400 validation_failed listing every field
 * problem) and changes nothing.
 */
export async function replacePolicy(
  deps: { store: Store; clock: Clock; ids: Ids },
  input: unknown,
  actor: Actor,
): Promise<Policy> {
  const checked = checkPolicy(input);
  if (!checked.ok) {
    const list = checked.problems.map((p) => `${p.path || 'policy'}: ${p.message}`).join('; ');
    throw new AppError(
      'validation_failed',
      `The policy was refused whole, nothing changed. ${list}`,
      {
        details: { fields: checked.problems },
      },
    );
  }
  const at = deps.clock.now();
  await deps.store.policy.replace(checked.policy, {
    id: makeAuditId(at, makeKeyId(deps.ids.randomBytes(16))),
    at,
    actor,
  });
  return checked.policy;
}
