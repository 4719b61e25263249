/**
 * The organization's browser rule, enforced where tokens are handed out (issue 14, item 9):
 * the page's check alone let a Chrome user agent or curl get tokens under a Firefox-only
 * policy. The same matrix as the page (browsers.ts): a named browser must be allowed; a browser
 * the matrix does not name is refused unless every browser is allowed. The user agent can be
 * forged, so this keeps honest clients to the rule, which is what a browser policy can do.
 */
import { BROWSER_NAMES, MIN_VERSIONS, parseUserAgent } from './browsers.js';
import { AppError } from './errors.js';
import type { Policy } from './policy.js';

export function assertBrowserAllowed(policy: Policy, userAgent: string | undefined): void {
  const allowed = policy.allowedBrowsers;
  if (allowed.length >= Object.keys(MIN_VERSIONS).length) return;
  const { family } = parseUserAgent(userAgent ?? '');
  if (family !== 'other' && allowed.includes(family)) return;
  throw new AppError(
    'browser_not_allowed',
    `Your organization allows only these browsers for calls: ${allowed.map((b) => BROWSER_NAMES[b]).join(', ')}.`,
    { details: { allowedBrowsers: [...allowed] } },
  );
}
