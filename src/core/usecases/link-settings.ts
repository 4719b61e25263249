/**
 * Changing a link after it was made (title, lobby, call size): the id and so the URL never
 * change, so every calendar and event that holds the link keeps working. Audited.
 */
import { z } from 'zod';
import { makeAuditId, type Actor } from '../audit.js';
import { AppError } from '../errors.js';
import { MAX_PARTICIPANTS_LIMIT, base64Url } from '../links.js';
import type { LinkSettings } from '../ports.js';
import { findLink, viewLink, type LinkDeps, type LinkView } from './links.js';

export const patchLinkInput = z
  .object({
    title: z.string().trim().max(200).nullable().optional(),
    lobby: z.boolean().optional(),
    maxParticipants: z.number().int().min(1).max(MAX_PARTICIPANTS_LIMIT).optional(),
  })
  .strict();
export type PatchLinkInput = z.infer<typeof patchLinkInput>;

/**
 * Applies the given fields to an active link, within the organization's policy. A revoked
 * link stays revoked (link_revoked); an empty title clears it.
 */
export async function updateLink(
  deps: LinkDeps,
  rawId: string,
  patch: PatchLinkInput,
  actor: Actor,
): Promise<LinkView> {
  const link = await findLink(deps.store, rawId);
  const { policy } = deps;
  if (patch.maxParticipants !== undefined && patch.maxParticipants > policy.maxParticipants) {
    throw new AppError(
      'validation_failed',
      `maxParticipants may be at most ${policy.maxParticipants} under your organization's policy.`,
      { details: { field: 'maxParticipants', max: policy.maxParticipants } },
    );
  }
  const changes: LinkSettings = {};
  if (patch.title !== undefined) changes.title = patch.title ? patch.title : null;
  if (patch.lobby !== undefined) changes.lobby = patch.lobby;
  if (patch.maxParticipants !== undefined) changes.maxParticipants = patch.maxParticipants;
  const same = Object.entries(changes).every(([k, v]) => link[k as keyof LinkSettings] === v);
  if (same) return viewLink(link, deps.publicUrl);
  const at = deps.clock.now();
  const audit = { id: makeAuditId(at, base64Url(deps.ids.randomBytes(9))), at, actor };
  const updated = await deps.store.links.update(link.id, changes, audit);
  if (!updated) throw new AppError('link_not_found', 'No call link has this address.');
  return viewLink(updated, deps.publicUrl);
}
