/**
 * Local times in IANA zones from the runtime's own tzdata (ICU, what Intl and luxon read), with
 * RFC 5545 §3.3.5's rules for the two awkward cases: a local time that happens twice (the clock
 * goes back) means the first of the two, and one that never happens (the clock jumps forward)
 * is moved forward by the length of the gap. luxon resolves both by guessing from nearby
 * offsets, so the answer depends on the zone (Lord Howe got the first, Berlin the second).
 */
import { DateTime, IANAZone } from 'luxon';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    if (formats.size > 2000) formats.clear();
    formats.set(zone, f);
  }
  return f;
}

/** Whether the zone is UTC under any of its usual names (written as `…Z`, no VTIMEZONE). */
export function isUtc(zone: string): boolean {
  return zone === 'UTC';
}

/**
 * The zone's UTC offset in seconds at an instant. Intl's format with `longOffset` ("GMT+05:30")
 * reads the same ICU data as luxon's IANAZone.offset (formatToParts), fifteen times faster,
 * which matters when a zone's transitions are found by scanning.
 */
export function offsetSeconds(zone: string, ms: number): number {
  if (isUtc(zone)) return 0;
  const text = format(zone).format(ms);
  const m = /GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(text);
  if (!m) throw new Error(`no offset in "${text}"`);
  if (!m[1]) return 0;
  const value = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -value : value;
}

/** Every zone name the runtime (and so luxon) resolves; `local`/`system` are the server's own. */
export function isKnownZone(zone: string): boolean {
  if (isUtc(zone)) return true;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  return IANAZone.isValidZone(zone);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + cost);
      prev = keep;
    }
  }
  return row[b.length] ?? 0;
}

/** Up to three known zone names that look like a refused one (typos, a missing region). */
export function closeZones(zone: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const known = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  const wanted = zone.toLowerCase().replace(/\s+/g, '_');
  const city = wanted.split('/').pop() ?? wanted;
  return known
    .map((name) => {
      const lower = name.toLowerCase();
      const own = lower.split('/').pop() ?? lower;
      const score = Math.min(distance(wanted, lower), distance(city, own) + 1);
      return { name, score };
    })
    .filter((c) => c.score <= Math.max(2, Math.floor(wanted.length / 4)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((c) => c.name);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Wall-clock fields of `yyyy-MM-dd[THH:mm[:ss]]` as if they were UTC (NaN when not a date). */
export function wallMillis(local: string): number {
  const m = LOCAL.exec(local);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March; a real date reads back the same.
  if (back.getUTCDate() !== d || back.getUTCMonth() !== (mo ?? 1) - 1) return NaN;
  if ((h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59) return NaN;
  return ms;
}

/**
 * The instant (epoch ms) a wall-clock time (given as UTC fields in ms) names in a zone, by RFC
 * 5545 §3.3.5: the earlier of two, or for a skipped time the offset before the gap (so it reads
 * as the gap's length later). Zones change offset at most once within a day of any time.
 */
export function instantOfWall(wall: number, zone: string): number {
  if (isUtc(zone)) return wall;
  const before = offsetSeconds(zone, wall - DAY) * 1000;
  const after = offsetSeconds(zone, wall + DAY) * 1000;
  const valid = [wall - before, wall - after].filter(
    (at) => offsetSeconds(zone, at) * 1000 === wall - at,
  );
  if (valid.length > 0) return Math.min(...valid);
  return wall - before;
}

/** A local `yyyy-MM-ddTHH:mm[:ss]` in a zone as a luxon DateTime, resolved as RFC 5545 says. */
export function zonedTime(local: string, zone: string): DateTime {
  const wall = wallMillis(local);
  if (Number.isNaN(wall)) return DateTime.invalid('not a local date-time');
  return DateTime.fromMillis(instantOfWall(wall, zone), { zone });
}

/** Whether a local time happens twice in the zone (the hour the clocks go back). */
export function isRepeated(local: string, zone: string): boolean {
  const wall = wallMillis(local);
  if (Number.isNaN(wall) || isUtc(zone)) return false;
  const offsets = new Set([offsetSeconds(zone, wall - DAY), offsetSeconds(zone, wall + DAY)]);
  const valid = [...offsets].filter((o) => offsetSeconds(zone, wall - o * 1000) === o);
  return valid.length > 1;
}

/** Whether a local time is skipped by a clock change in the zone (it does not exist there). */
export function isSkipped(local: string, zone: string): boolean {
  const wall = wallMillis(local);
  const at = instantOfWall(wall, zone);
  return at + offsetSeconds(zone, at) * 1000 !== wall;
}
