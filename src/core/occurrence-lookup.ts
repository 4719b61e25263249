/**
 * Finding one occurrence of a series from what a person or a client has at hand: the local time
 * the organizer sees in the rule (even one a DST gap skips, 02:30 on the spring-forward night),
 * the time a calendar shows for it (03:30, moved forward by the gap), or its UTC instant. The
 * key is always the rule's own wall-clock value, as RECURRENCE-ID carries it.
 */
import { AppError } from './errors.js';
import { wallOccurrences } from './recurrence.js';
import { instantOfWall, offsetSeconds, wallMillis } from './zone-time.js';

const DAY = 86_400_000;

const wallText = (ms: number, allDay: boolean) =>
  new Date(ms).toISOString().slice(0, allDay ? 10 : 19);

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
  const starts = wallOccurrences(series.recurrence, new Date(startWall), zone, {
    from: new Date(around - 2 * DAY),
    to: new Date(around + 2 * DAY),
  }).map((d) => d.getTime());
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
