/**
 * VTIMEZONE definitions (with the yearly RRULEs Outlook needs) from @touch4it/ical-timezones,
 * remembered: the library reads a file per call and zone rules do not change while we run.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';

const cache = new Map<string, string | null>();

/** The VTIMEZONE component for an IANA zone, or null when none is known. */
export function vtimezone(zone: string): string | null {
  let text = cache.get(zone);
  if (text === undefined) {
    text = getVtimezoneComponent(zone);
    if (cache.size < 1000) cache.set(zone, text);
  }
  return text;
}
