/**
 * Recognizing an event that already carries a call: vendor properties, RFC 7986 CONFERENCE,
 * or a meeting URL of a known service in its text.
 */

/** Properties whose presence alone means the event has a call. */
export const CALL_PROPERTIES: ReadonlySet<string> = new Set([
  'CONFERENCE',
  'X-GOOGLE-CONFERENCE',
  'X-MICROSOFT-SKYPETEAMSMEETINGURL',
  'X-MICROSOFT-ONLINEMEETINGCONFLINK',
  'X-MICROSOFT-ONLINEMEETINGEXTERNALLINK',
]);

/** Properties whose text may hold a meeting URL. */
export const TEXT_PROPERTIES: ReadonlySet<string> = new Set([
  'LOCATION',
  'URL',
  'DESCRIPTION',
  'X-ALT-DESC',
]);

const MEETING_URL =
  // Unanchored and without a host-prefix group: a prefix like (?:[\w-]+\.)? backtracks
  // quadratically on long hyphenated text, and a substring match finds sub.zoom.us anyway.
  /(?:zoom\.us\/(?:j|my|w)\/|zoomgov\.com\/j\/|teams\.microsoft\.com\/l\/meetup-join|teams\.live\.com\/meet|meet\.google\.com\/[a-z]|webex\.com\/(?:meet|join|[\w.-]+\/j\.php)|whereby\.com\/|meet\.jit\.si\/|gotomeeting\.com\/join|global\.gotomeeting\.com|chime\.aws\/\d)/i;

/** True when a text or URL value points at a meeting of a known service. */
export function mentionsMeetingUrl(value: string): boolean {
  return MEETING_URL.test(value);
}
