/**
 * The organization's policy: what may be created and who may join. Defaults are what a new
 * install gets. A policy is always replaced whole, and a bad one is refused whole: half of a
 * policy applied is worse than none.
 */
import { z } from 'zod';
import { AppError } from './errors.js';
import { DEFAULT_MAX_PARTICIPANTS, MAX_PARTICIPANTS_LIMIT } from './links.js';

/** Browser families the join page can tell apart. API.md lists four; Samsung Internet is kept too. */
export const BROWSER_FAMILIES = ['chrome', 'edge', 'firefox', 'safari', 'samsung'] as const;
export type BrowserFamily = (typeof BROWSER_FAMILIES)[number];

export interface Policy {
  linksEnabled: boolean;
  lobbyByDefault: boolean;
  /** The cap no link may exceed. */
  maxParticipants: number;
  allowedBrowsers: BrowserFamily[];
  guestsAllowed: boolean;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze<Policy>({
  linksEnabled: true,
  lobbyByDefault: false,
  maxParticipants: 100,
  allowedBrowsers: ['chrome', 'edge', 'firefox', 'safari', 'samsung'],
  guestsAllowed: true,
});

/** The whole policy, every field required (PUT replaces it, never merges). */
export const policySchema = z
  .object({
    linksEnabled: z.boolean(),
    lobbyByDefault: z.boolean(),
    maxParticipants: z.number().int().min(1).max(MAX_PARTICIPANTS_LIMIT),
    allowedBrowsers: z
      .array(
        z.enum(BROWSER_FAMILIES, {
          error: () => `must be one of ${BROWSER_FAMILIES.join(', ')}`,
        }),
      )
      .min(1, 'must name at least one browser (to switch calls off, set linksEnabled to false)')
      .max(BROWSER_FAMILIES.length * 4)
      // Order and repeats carry no meaning: keep one canonical form so audit diffs stay honest.
      .transform((list) => BROWSER_FAMILIES.filter((b) => list.includes(b))),
    guestsAllowed: z.boolean(),
  })
  .strict();

/**
 * Reads a policy as stored. Fields missing from an older stored form take their defaults;
 * a stored policy that no longer validates falls back to the defaults rather than locking
 * everyone out (the adapter logs it).
 */
export function policyFromStored(stored: unknown): { policy: Policy; valid: boolean } {
  const merged =
    stored && typeof stored === 'object' && !Array.isArray(stored)
      ? { ...DEFAULT_POLICY, ...(stored as Record<string, unknown>) }
      : stored;
  const parsed = policySchema.safeParse(merged);
  return parsed.success
    ? { policy: parsed.data, valid: true }
    : {
        policy: { ...DEFAULT_POLICY, allowedBrowsers: [...DEFAULT_POLICY.allowedBrowsers] },
        valid: false,
      };
}

/** The call size a new link gets when it asks for none: the product default, within the cap. */
export function defaultCallSize(policy: Policy): number {
  return Math.min(DEFAULT_MAX_PARTICIPANTS, policy.maxParticipants);
}

/**
 * How many may be in a link's call right now: a cap lowered after the link was made still
 * applies to it.
 */
export function effectiveCallSize(linkMax: number, policy: Policy): number {
  return Math.min(linkMax, policy.maxParticipants);
}

/** Whether a browser family may join calls under this policy. */
export function browserAllowed(policy: Policy, family: string): boolean {
  return (policy.allowedBrowsers as string[]).includes(family);
}

/**
 * Refuses a join by someone without a key when the organization allows no guests.
 * `member` is true for a caller holding an organizer key, the admin token or a host key.
 */
export function assertMayJoin(policy: Policy, member: boolean): void {
  if (!policy.linksEnabled) {
    throw new AppError('links_disabled', 'Calls are disabled by your organization.');
  }
  if (!policy.guestsAllowed && !member) {
    throw new AppError(
      'guests_not_allowed',
      'Your organization allows only its members to join calls. Sign in with your key.',
    );
  }
}
