/**
 * The organization's policy: what may be created and who may join. Defaults are what a new
 * install gets.
 */
import { DEFAULT_MAX_PARTICIPANTS } from './links.js';

export type BrowserFamily = 'chrome' | 'edge' | 'firefox' | 'safari' | 'samsung';

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

/** The call size a new link gets when it asks for none: the product default, within the cap. */
export function defaultCallSize(policy: Policy): number {
  return Math.min(DEFAULT_MAX_PARTICIPANTS, policy.maxParticipants);
}
