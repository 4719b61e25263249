/**
 * Recurrence rules (RFC 5545 RRULE) as callink accepts them: at most daily, bounded in count
 * and span, and making sense for the event's start. Expansion works in "floating" time (local
 * wall-clock fields carried in UTC Date objects), which is how the rrule library is exact across
 * daylight-saving changes; results are turned back into the event's zone.
 */
import { DateTime } from 'luxon';
import rrule from 'rrule';
import { AppError } from './errors.js';
import { instantOfWall } from './zone-time.js';

const { RRule } = rrule;

/** More occurrences than this is a bomb, not a meeting series. */
export const MAX_COUNT = 1000;
/** A series may not run further than this past its first start. */
export const MAX_SPAN_YEARS = 20;
const ALLOWED_FREQ = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
const ALLOWED_PARTS = new Set([
  'FREQ',
  'COUNT',
  'UNTIL',
  'INTERVAL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYSETPOS',
  'BYWEEKNO',
  'BYYEARDAY',
  'WKST',
]);
export const LOCAL_FORMAT = "yyyy-LL-dd'T'HH:mm:ss";

export interface CheckedRule {
  /** The rule as we emit it: `RRULE:` prefix, UNTIL in UTC. */
  rule: string;
  /** Start of the last occurrence (UTC), or null when the series never ends. */
  lastStart: Date | null;
}

function bad(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('invalid_recurrence', message, details ? { details } : undefined);
}

/** Local wall-clock fields of a zoned time, carried as a UTC Date (rrule's floating mode). */
export function toFloating(dt: DateTime): Date {
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second));
}

/** Floating wall-clock fields back to an instant in the zone, by RFC 5545 §3.3.5 (gaps, overlaps). */
export function fromFloating(d: Date, zone: string): DateTime {
  return DateTime.fromMillis(instantOfWall(d.getTime(), zone), { zone });
}

function parseParts(text: string): Map<string, string> {
  const body = text.replace(/^RRULE:/i, '');
  const parts = new Map<string, string>();
  for (const piece of body.split(';')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) throw bad(`"${piece}" is not a NAME=VALUE part of a rule.`);
    const name = piece.slice(0, eq).toUpperCase();
    const value = piece.slice(eq + 1);
    if (!ALLOWED_PARTS.has(name)) {
      throw bad(
        name.startsWith('BY') && /HOUR|MINUTE|SECOND/.test(name)
          ? 'Rules that repeat more often than daily are not accepted.'
          : `The rule part ${name} is not accepted.`,
        { part: name },
      );
    }
    if (parts.has(name)) throw bad(`The rule part ${name} appears twice.`);
    if (!/^[A-Za-z0-9,+-]+$/.test(value)) throw bad(`The value of ${name} is not valid.`);
    parts.set(name, value.toUpperCase());
  }
  return parts;
}

/** UNTIL as a UTC instant: a DATE means the end of that day in the event's zone. */
function untilInstant(value: string, zone: string): DateTime {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) throw bad('UNTIL must be a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSSZ).');
  const [, y, mo, d, h, mi, s, z] = m;
  const fields = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? 23 : Number(h),
    minute: mi === undefined ? 59 : Number(mi),
    second: s === undefined ? 59 : Number(s),
  };
  const dt = DateTime.fromObject(fields, { zone: z ? 'utc' : zone });
  if (!dt.isValid) throw bad('UNTIL is not a real date.');
  return dt.toUTC();
}

/**
 * Checks a rule against the event's first start and returns it normalized. Refuses rules more
 * frequent than daily, more than MAX_COUNT occurrences or MAX_SPAN_YEARS, rules whose first
 * start is not one of their occurrences, and rules with no occurrence at all.
 */
export function checkRecurrence(text: string, start: DateTime): CheckedRule {
  if (text.length > 500) throw bad('The rule is too long.');
  const parts = parseParts(text.trim());
  const freq = parts.get('FREQ');
  if (!freq) throw bad('The rule needs FREQ.');
  if (!ALLOWED_FREQ.has(freq)) {
    throw bad(
      ['SECONDLY', 'MINUTELY', 'HOURLY'].includes(freq)
        ? 'Rules that repeat more often than daily are not accepted.'
        : `FREQ=${freq} is not a frequency.`,
      { part: 'FREQ' },
    );
  }
  if (parts.has('COUNT') && parts.has('UNTIL'))
    throw bad('A rule may have COUNT or UNTIL, not both.');
  const count = parts.get('COUNT');
  if (count !== undefined && !(/^\d+$/.test(count) && +count >= 1 && +count <= MAX_COUNT)) {
    throw bad(`COUNT must be between 1 and ${MAX_COUNT}.`, { part: 'COUNT' });
  }
  const interval = parts.get('INTERVAL');
  if (interval !== undefined && !(/^\d+$/.test(interval) && +interval >= 1 && +interval <= 1000)) {
    throw bad('INTERVAL must be a whole number from 1 to 1000.', { part: 'INTERVAL' });
  }
  const zone = start.zoneName ?? 'utc';
  const limit = start.plus({ years: MAX_SPAN_YEARS });
  let untilUtc: DateTime | undefined;
  const until = parts.get('UNTIL');
  if (until !== undefined) {
    untilUtc = untilInstant(until, zone);
    if (untilUtc < start.toUTC()) throw bad('UNTIL is before the first start.', { part: 'UNTIL' });
    if (untilUtc > limit) throw bad(`A series may not run past ${MAX_SPAN_YEARS} years.`);
    parts.set('UNTIL', untilUtc.toFormat("yyyyLLdd'T'HHmmss'Z'"));
  }
  const rule = `RRULE:${[...parts].map(([k, v]) => `${k}=${v}`).join(';')}`;

  let options;
  try {
    options = RRule.parseString(rule.slice('RRULE:'.length));
  } catch (error) {
    throw bad('The rule could not be read.', { reason: String((error as Error).message) });
  }
  const untilFloating = untilUtc ? toFloating(untilUtc.setZone(zone)) : null;
  let series;
  try {
    series = new RRule({
      ...options,
      dtstart: toFloating(start),
      until: untilFloating,
      tzid: null,
    });
  } catch {
    throw bad('The rule could not be read.');
  }
  // The start must satisfy every BY part before rrule is asked: rrule walks period by period
  // up to the year 9999 looking for a rule that never matches (seconds of CPU per request).
  let first: Date | undefined;
  if (startMatches(parts, start)) {
    series.between(toFloating(start), toFloating(limit), true, (d) => {
      first = d;
      return false;
    });
  }
  if (!first || first.getTime() !== toFloating(start).getTime()) {
    throw bad('The event starts on a day its rule does not include; start on an occurrence.');
  }
  let lastStart: Date | null = null;
  if (count !== undefined || untilFloating) {
    const all = series.all((_d, i) => i < MAX_COUNT + 1);
    if (all.length > MAX_COUNT) throw bad(`The rule makes more than ${MAX_COUNT} occurrences.`);
    const last = all[all.length - 1];
    lastStart = last ? fromFloating(last, zone).toJSDate() : null;
  }
  return { rule, lastStart };
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function numbers(value: string | undefined, min: number, max: number): number[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((v) => {
    const n = Number(v);
    if (!/^[+-]?\d{1,3}$/.test(v) || n === 0 || n < min || n > max)
      throw bad(`${v} is out of range.`);
    return n;
  });
}

/** Whether n (1-based) or its negative from `total` is in the list. */
const inList = (list: number[] | undefined, n: number, total: number) =>
  list === undefined || list.includes(n) || list.includes(n - total - 1);

/** Whether the start itself satisfies the rule's BY parts (BYSETPOS is left to rrule). */
function startMatches(parts: Map<string, string>, start: DateTime): boolean {
  const months = numbers(parts.get('BYMONTH'), 1, 12);
  const monthDays = numbers(parts.get('BYMONTHDAY'), -31, 31);
  const yearDays = numbers(parts.get('BYYEARDAY'), -366, 366);
  const weeks = numbers(parts.get('BYWEEKNO'), -53, 53);
  numbers(parts.get('BYSETPOS'), -366, 366);
  if (months && !months.includes(start.month)) return false;
  if (!inList(monthDays, start.day, start.daysInMonth ?? 31)) return false;
  if (!inList(yearDays, start.ordinal, start.daysInYear)) return false;
  if (!inList(weeks, start.weekNumber, start.weeksInWeekYear)) return false;
  const byDay = parts.get('BYDAY');
  if (byDay === undefined) return true;
  const freq = parts.get('FREQ');
  const inMonth = freq === 'MONTHLY' || (freq === 'YEARLY' && months !== undefined);
  return byDay.split(',').some((entry) => {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(entry);
    if (!m) throw bad(`BYDAY value ${entry} is not valid.`);
    if (WEEKDAYS[start.weekday - 1] !== m[2]) return false;
    if (m[1] === undefined) return true;
    const n = Number(m[1]);
    const [index, total] = inMonth
      ? [
          Math.ceil(start.day / 7),
          Math.ceil(start.day / 7) + Math.floor(((start.daysInMonth ?? 31) - start.day) / 7),
        ]
      : [
          Math.ceil(start.ordinal / 7),
          Math.ceil(start.ordinal / 7) + Math.floor((start.daysInYear - start.ordinal) / 7),
        ];
    return n === index || n === index - total - 1;
  });
}

/** Occurrence starts (in the event's zone) from `from` to `to`, at most `limit` of them. */
export function occurrencesBetween(
  rule: string,
  start: DateTime,
  from: DateTime,
  to: DateTime,
  limit = 1000,
): DateTime[] {
  const zone = start.zoneName ?? 'utc';
  const options = RRule.parseString(rule.replace(/^RRULE:/, ''));
  const until = options.until
    ? toFloating(DateTime.fromJSDate(options.until, { zone: 'utc' }).setZone(zone))
    : null;
  const series = new RRule({ ...options, dtstart: toFloating(start), until, tzid: null });
  const found: DateTime[] = [];
  series.between(toFloating(from.setZone(zone)), toFloating(to.setZone(zone)), true, (d) => {
    found.push(fromFloating(d, zone));
    return found.length < limit;
  });
  return found;
}

/** Whether `local` (in the event's zone) is one of the series' occurrence starts. */
export function isOccurrence(rule: string, start: DateTime, local: DateTime): boolean {
  return occurrencesBetween(rule, start, local, local, 1).some((d) => +d === +local);
}
