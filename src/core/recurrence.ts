/**
 * Recurrence rules (RFC 5545 RRULE) as callink accepts them: at most daily, bounded in count
 * and span, and making sense for the event's start. Expansion works in "floating" time (local
 * wall-clock fields carried in UTC Date objects), which is how the rrule library is exact across
 * daylight-saving changes; results are turned back into the event's zone.
 */
import { DateTime } from 'luxon';
import { AppError } from './errors.js';
import { instantOfWall } from './zone-time.js';
import {
  expandRule,
  weekdayEntries,
  weekdayIndex,
  type Freq,
  type RuleParts,
} from './recurrence-expand.js';

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
  const ruleParts = toRuleParts(parts, untilUtc ? toFloating(untilUtc.setZone(zone)) : undefined);
  const horizonDays = Math.round(limit.diff(start, 'days').days);
  const dtstart = toFloating(start);
  const [first] = expandRule(ruleParts, dtstart, {
    from: dtstart,
    to: dtstart,
    limit: 1,
    horizonDays,
  }).starts;
  if (!first || first.getTime() !== dtstart.getTime()) {
    throw bad('The event starts on a day its rule does not include; start on an occurrence.');
  }
  let lastStart: Date | null = null;
  if (count !== undefined || untilUtc) {
    const all = expandRule(ruleParts, dtstart, {
      from: dtstart,
      to: new Date(8.64e15),
      limit: MAX_COUNT + 1,
      horizonDays,
    });
    if (all.starts.length > MAX_COUNT)
      throw bad(`The rule makes more than ${MAX_COUNT} occurrences.`);
    if (all.cutOff) throw bad(`A series may not run past ${MAX_SPAN_YEARS} years.`);
    const last = all.starts[all.starts.length - 1];
    lastStart = last ? fromFloating(last, zone).toJSDate() : null;
  }
  return { rule, lastStart };
}

function numbers(value: string | undefined, min: number, max: number): number[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((v) => {
    const n = Number(v);
    if (!/^[+-]?\d{1,3}$/.test(v) || n === 0 || n < min || n > max)
      throw bad(`${v} is out of range.`);
    return n;
  });
}

/** Most days one period can hold: a BYSETPOS beyond it can never match. */
const PERIOD_DAYS: Record<Freq, number> = { DAILY: 1, WEEKLY: 7, MONTHLY: 31, YEARLY: 366 };

/**
 * The checked parts as the expander takes them. Refuses what RFC 5545 forbids for the frequency
 * (BYWEEKNO outside YEARLY, BYYEARDAY with DAILY to MONTHLY, BYMONTHDAY with WEEKLY, numbered
 * BYDAY outside MONTHLY and YEARLY) and BYSETPOS alone or beyond the size of a period.
 */
function toRuleParts(parts: Map<string, string>, until: Date | undefined): RuleParts {
  const freq = parts.get('FREQ') as Freq;
  const forbid = (part: string, freqs: Freq[]) => {
    if (parts.has(part) && freqs.includes(freq))
      throw bad(`${part} cannot be used with FREQ=${freq}.`, { part });
  };
  forbid('BYWEEKNO', ['DAILY', 'WEEKLY', 'MONTHLY']);
  forbid('BYYEARDAY', ['DAILY', 'WEEKLY', 'MONTHLY']);
  forbid('BYMONTHDAY', ['WEEKLY']);
  const byDayText = parts.get('BYDAY');
  const byDay =
    byDayText === undefined
      ? undefined
      : weekdayEntries(byDayText, (entry) =>
          bad(`BYDAY value ${entry} is not valid.`, { part: 'BYDAY' }),
        );
  if (
    byDay?.some((e) => e.n !== undefined) &&
    (freq === 'DAILY' || freq === 'WEEKLY' || parts.has('BYWEEKNO'))
  ) {
    throw bad('A numbered BYDAY (like 2MO) needs FREQ=MONTHLY or YEARLY without BYWEEKNO.', {
      part: 'BYDAY',
    });
  }
  const wkst = parts.get('WKST');
  if (wkst !== undefined && weekdayIndex(wkst) < 0)
    throw bad('WKST must be a weekday (MO to SU).', { part: 'WKST' });
  const bySetPos = numbers(parts.get('BYSETPOS'), -PERIOD_DAYS[freq], PERIOD_DAYS[freq]);
  if (bySetPos && ![...parts.keys()].some((k) => k.startsWith('BY') && k !== 'BYSETPOS')) {
    throw bad('BYSETPOS needs another BY part to choose from.', { part: 'BYSETPOS' });
  }
  const count = parts.get('COUNT');
  return {
    freq,
    interval: Number(parts.get('INTERVAL') ?? 1),
    count: count === undefined ? undefined : Number(count),
    until: until?.getTime(),
    byMonth: numbers(parts.get('BYMONTH'), 1, 12),
    byWeekNo: numbers(parts.get('BYWEEKNO'), -53, 53),
    byYearDay: numbers(parts.get('BYYEARDAY'), -366, 366),
    byMonthDay: numbers(parts.get('BYMONTHDAY'), -31, 31),
    byDay,
    bySetPos,
    wkst: wkst === undefined ? 0 : weekdayIndex(wkst),
  };
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
  const parts = parseParts(rule);
  const until = parts.get('UNTIL');
  const ruleParts = toRuleParts(
    parts,
    until === undefined ? undefined : toFloating(untilInstant(until, zone).setZone(zone)),
  );
  const horizonDays = Math.round(start.plus({ years: MAX_SPAN_YEARS }).diff(start, 'days').days);
  const window = { from: toFloating(from.setZone(zone)), to: toFloating(to.setZone(zone)) };
  if (!(window.from.getTime() <= window.to.getTime())) return [];
  return expandRule(ruleParts, toFloating(start), { ...window, limit, horizonDays }).starts.map(
    (d) => fromFloating(d, zone),
  );
}

/** Whether `local` (in the event's zone) is one of the series' occurrence starts. */
export function isOccurrence(rule: string, start: DateTime, local: DateTime): boolean {
  return occurrencesBetween(rule, start, local, local, 1).some((d) => +d === +local);
}

/**
 * Occurrence starts as the rule's own wall-clock values (floating Dates), not yet resolved in
 * the zone: a DST gap's 02:30 stays 02:30 here, as RECURRENCE-ID names it.
 */
export function wallOccurrences(
  rule: string,
  startWall: Date,
  zone: string,
  window: { from: Date; to: Date },
  limit = 100,
): Date[] {
  const parts = parseParts(rule);
  const until = parts.get('UNTIL');
  const ruleParts = toRuleParts(
    parts,
    until === undefined ? undefined : toFloating(untilInstant(until, zone).setZone(zone)),
  );
  const horizonDays = Math.round(MAX_SPAN_YEARS * 366);
  return expandRule(ruleParts, startWall, { ...window, limit, horizonDays }).starts;
}
