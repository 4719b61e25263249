/**
 * Finding one occurrence of a series from what a person or a client has at hand: the local time
 * the organizer sees in the rule (even one a DST gap skips, 02:30 on the spring-forward night),
 * the time a calendar shows for it (03:30, moved forward by the gap), or its UTC instant. The
 * key is always the rule's own wall-clock value, as RECURRENCE-ID carries it.
 */
import rrule from 'rrule';
import { AppError } from './errors.js';
import { instantOfWall, offsetSeconds, wallMillis } from './zone-time.js';

const { RRule } = rrule;
const DAY = 86_400_000;

const wallText = (ms: number, allDay: boolean) =>
  new Date(ms).toISOString().slice(0, allDay ? 10 : 19);

/** The series' occurrence starts as wall-clock values (UTC fields) in [from, to]. */
export function wallStarts(
  rule: string,
  startWall: number,
  zone: string,
  from: number,
  to: number,
  limit = 100,
): number[] {
  const options = RRule.parseString(rule.replace(/^RRULE:/, ''));
  // UNTIL is an instant (or, for all-day series, a date): as a wall-clock value in the zone.
  const until = options.until
    ? new Date(options.until.getTime() + offsetSeconds(zone, options.until.getTime()) * 1000)
    : null;
  const series = new RRule({ ...options, dtstart: new Date(startWall), until, tzid: null });
  const found: number[] = [];
  series.between(new Date(from), new Date(to), true, (d) => {
    found.push(d.getTime());
    return found.length < limit;
  });
  return found;
}

/**
 * The RECURRENCE-ID (`yyyy-MM-ddTHH:mm:ss`, or `yyyy-MM-dd` all day) of the occurrence `raw`
 * names: a local time as in the rule or as shown after a DST shift, or an instant with Z/offset.
 */
export function findOccurrence(
  series: { start: string; timeZone: string; recurrence: string },
  raw: string,
): string {
  const allDay = series.start.length === 10;
  const zone = allDay ? 'UTC' : series.timeZone;
  const startWall = wallMillis(series.start);
  const instant = /Z$|[+-]\d{2}:?\d{2}$/.test(raw) ? Date.parse(raw) : NaN;
  const wall = Number.isNaN(instant) ? wallMillis(raw.replace(/T00:00(:00)?$/, '')) : NaN;
  if (Number.isNaN(instant) && Number.isNaN(wall)) {
    throw new AppError('validation_failed', 'The occurrence must be given by its start time.');
  }
  const around = Number.isNaN(instant) ? wall : instant;
  const starts = wallStarts(series.recurrence, startWall, zone, around - 2 * DAY, around + 2 * DAY);
  const match = starts.find((w) => {
    const at = allDay ? w : instantOfWall(w, zone);
    if (!Number.isNaN(instant)) return at === instant;
    return w === wall || (!allDay && at + offsetSeconds(zone, at) * 1000 === wall);
  });
  if (match === undefined) {
    throw new AppError('not_found', 'The series has no occurrence starting then.');
  }
  return wallText(match, allDay);
}
