/**
 * Create, read and revoke call links.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import {
  LINK_RANDOM_BYTES,
  MAX_PARTICIPANTS_LIMIT,
  base64Url,
  checkLinkId,
  linkUrl,
  makeLinkId,
  type Link,
} from '../links.js';
import { e2eeModeOf, type E2eeMode } from '../e2ee.js';
import { defaultCallSize, type Policy } from '../policy.js';
import type { Clock, Ids, Store } from '../ports.js';

export const createLinkInput = z
  .object({
    // Line breaks and control characters in a title become spaces: it is shown on one line.
    title: z
      .string()
      // eslint-disable-next-line no-control-regex -- replacing control characters is the point
      .overwrite((s) => s.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' '))
      .trim()
      .max(200)
      .nullable()
      .optional(),
    lobby: z.boolean().optional(),
    e2ee: z.boolean().optional(),
    /** exchange (default): the key is handed over in the call; passphrase: `#k=` in the URL. */
    e2eeMode: z.enum(['exchange', 'passphrase']).optional(),
    maxParticipants: z.number().int().min(1).max(MAX_PARTICIPANTS_LIMIT).optional(),
  })
  .strict();
export type CreateLinkInput = z.infer<typeof createLinkInput>;

export interface LinkDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  publicUrl: string;
  policy: Policy;
}

export interface LinkView {
  id: string;
  url: string;
  title: string | null;
  lobby: boolean;
  e2ee: boolean;
  /** How the key reaches people: handed over in the call, or in the URL (`#k=`). */
  e2eeMode: E2eeMode | null;
  maxParticipants: number;
  createdAt: string;
  revokedAt: string | null;
}

export function viewLink(link: Link, publicUrl: string, e2eeKey?: string): LinkView {
  return {
    id: link.id,
    url: linkUrl(publicUrl, link.id, e2eeKey),
    title: link.title,
    lobby: link.lobby,
    e2ee: link.e2ee,
    e2eeMode: e2eeModeOf(link),
    maxParticipants: link.maxParticipants,
    createdAt: link.createdAt.toISOString(),
    revokedAt: link.revokedAt ? link.revokedAt.toISOString() : null,
  };
}

/**
 * Creates a link. An E2EE link exchanges its key in the call (a host's browser makes it and
 * hands it to each admitted guest), so it always has a lobby and its URL carries no key. A
 * passphrase link's key is made here, returned once inside the URL fragment and never stored.
 */
export async function createLink(
  deps: LinkDeps,
  input: CreateLinkInput,
  ownerId: string | null = null,
): Promise<LinkView> {
  const { policy } = deps;
  if (!policy.linksEnabled) {
    throw new AppError('links_disabled', 'Call links are disabled by your organization.');
  }
  const maxParticipants = input.maxParticipants ?? defaultCallSize(policy);
  if (maxParticipants > policy.maxParticipants) {
    throw new AppError(
      'validation_failed',
      `maxParticipants may be at most ${policy.maxParticipants} under your organization's policy.`,
      { details: { field: 'maxParticipants', max: policy.maxParticipants } },
    );
  }
  const e2ee = input.e2ee ?? false;
  const e2eeMode: E2eeMode | null = e2ee ? (input.e2eeMode ?? 'exchange') : null;
  if (e2eeMode === 'exchange' && input.lobby === false) {
    throw new AppError(
      'validation_failed',
      'An end-to-end encrypted link always has a lobby: a host in the call hands each guest the key.',
      { details: { field: 'lobby' } },
    );
  }
  const link = await deps.store.links.insert({
    id: makeLinkId(deps.ids.randomBytes(LINK_RANDOM_BYTES)),
    title: input.title ? input.title : null,
    lobby: e2eeMode === 'exchange' ? true : (input.lobby ?? policy.lobbyByDefault),
    e2ee,
    e2eeMode,
    maxParticipants,
    createdAt: deps.clock.now(),
    ownerId,
  });
  const key = e2eeMode === 'passphrase' ? base64Url(deps.ids.randomBytes(32)) : undefined;
  return viewLink(link, deps.publicUrl, key);
}

/**
 * Finds a link by an id as received from outside, telling a cut or mistyped id
 * (link_incomplete) from an unknown one (link_not_found) and a revoked one (link_revoked).
 */
export async function findLink(
  store: Store,
  rawId: string,
  options: { allowRevoked?: boolean } = {},
): Promise<Link> {
  const checked = checkLinkId(rawId);
  if (!checked.ok) {
    throw new AppError(
      'link_incomplete',
      'This link has a typo or is incomplete. Copy the whole link from your invitation.',
      { details: { reason: checked.reason } },
    );
  }
  const link = await store.links.get(checked.id);
  if (!link) throw new AppError('link_not_found', 'No call link has this address.');
  if (link.revokedAt && !options.allowRevoked) {
    throw new AppError('link_revoked', 'This link was deleted by its owner.');
  }
  return link;
}

export async function revokeLink(
  deps: Pick<LinkDeps, 'store' | 'clock'>,
  rawId: string,
): Promise<void> {
  const link = await findLink(deps.store, rawId, { allowRevoked: true });
  await deps.store.links.revoke(link.id, deps.clock.now());
}
