/**
 * Bounded expansion of the rules callink accepts (DAILY to YEARLY, day-level BY parts, one time
 * of day). The rrule library checks UNTIL and the caller's window only when it finds an
 * occurrence, so a rule that matches nothing (FREQ=DAILY;BYSETPOS=2) walks period by period to
 * the year 9999 on the event loop. Here the walk is bounded by date before it starts: it never
 * looks at more than `horizonDays` days past the first start, whatever the rule says.
 *
 * Works on "floating" times (wall-clock fields carried in UTC Dates), like recurrence.ts, and
 * follows RFC 5545: BYDAY entries are alternatives (rrule intersects plain and numbered ones),
 * a WEEKLY period is the whole week from WKST (BYSETPOS counts the days of that week).
 */

const DAY_MS = 86_400_000;
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface WeekdayEntry {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** The n-th such weekday of the month or year (negative: from the end), if numbered. */
  n?: number | undefined;
}

export interface RuleParts {
  freq: Freq;
  interval: number;
  count?: number | undefined;
  /** UNTIL as a floating time (milliseconds). */
  until?: number | undefined;
  byMonth?: number[] | undefined;
  byWeekNo?: number[] | undefined;
  byYearDay?: number[] | undefined;
  byMonthDay?: number[] | undefined;
  byDay?: WeekdayEntry[] | undefined;
  bySetPos?: number[] | undefined;
  /** Week start, 0 = Monday. */
  wkst: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
export function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number. */
export function civil(n: number): { y: number; m: number; d: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** 0 = Monday (1970-01-01 was a Thursday). */
const weekdayOf = (n: number) => (((n + 3) % 7) + 7) % 7;
const daysInMonth = (y: number, m: number) =>
  dayNumber(m === 12 ? y + 1 : y, (m % 12) + 1, 1) - dayNumber(y, m, 1);
const weekStart = (n: number, wkst: number) => n - ((weekdayOf(n) - wkst + 7) % 7);

/** Whether `value` (1-based) or its count from the end of `total` is listed. */
const listed = (list: number[], value: number, total: number) =>
  list.includes(value) || list.includes(value - total - 1);

/** ISO-style week number with a chosen week start: week 1 has at least 4 days of its year. */
function weekNumber(n: number, wkst: number): { week: number; weeks: number } {
  const ws = weekStart(n, wkst);
  const year = civil(ws + 3).y;
  const first = weekStart(dayNumber(year, 1, 4), wkst);
  const next = weekStart(dayNumber(year + 1, 1, 4), wkst);
  return { week: (ws - first) / 7 + 1, weeks: (next - first) / 7 };
}

/** Applies the defaults RFC 5545 takes from DTSTART when a rule names no day-level part. */
function withDefaults(parts: RuleParts, start: number): RuleParts {
  if (parts.byWeekNo || parts.byYearDay || parts.byMonthDay || parts.byDay) return parts;
  const { m, d } = civil(start);
  if (parts.freq === 'YEARLY') return { ...parts, byMonth: parts.byMonth ?? [m], byMonthDay: [d] };
  if (parts.freq === 'MONTHLY') return { ...parts, byMonthDay: [d] };
  if (parts.freq === 'WEEKLY') return { ...parts, byDay: [{ weekday: weekdayOf(start) }] };
  return parts;
}

function matchesDay(p: RuleParts, n: number): boolean {
  const { y, m, d } = civil(n);
  if (p.byMonth && !p.byMonth.includes(m)) return false;
  if (p.byMonthDay && !listed(p.byMonthDay, d, daysInMonth(y, m))) return false;
  if (p.byYearDay) {
    const jan1 = dayNumber(y, 1, 1);
    if (!listed(p.byYearDay, n - jan1 + 1, dayNumber(y + 1, 1, 1) - jan1)) return false;
  }
  if (p.byWeekNo) {
    const { week, weeks } = weekNumber(n, p.wkst);
    if (!listed(p.byWeekNo, week, weeks)) return false;
  }
  if (p.byDay) {
    const wd = weekdayOf(n);
    // Numbered weekdays count within the month (MONTHLY, or YEARLY with BYMONTH), else the year.
    const inMonth = p.freq === 'MONTHLY' || (p.freq === 'YEARLY' && p.byMonth !== undefined);
    const numbered = p.freq === 'MONTHLY' || p.freq === 'YEARLY';
    const [first, last] = inMonth
      ? [dayNumber(y, m, 1), dayNumber(y, m, daysInMonth(y, m))]
      : [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
    const ok = p.byDay.some((e) => {
      if (e.weekday !== wd) return false;
      if (e.n === undefined || !numbered) return true;
      return e.n === Math.floor((n - first) / 7) + 1 || e.n === -(Math.floor((last - n) / 7) + 1);
    });
    if (!ok) return false;
  }
  return true;
}

/** First and last day (inclusive) of the k-th period of the series. */
function period(p: RuleParts, start: number, k: number): [number, number] {
  const step = k * p.interval;
  if (p.freq === 'DAILY') return [start + step, start + step];
  if (p.freq === 'WEEKLY') {
    const first = weekStart(start, p.wkst) + 7 * step;
    return [first, first + 6];
  }
  const { y, m } = civil(start);
  if (p.freq === 'MONTHLY') {
    const index = y * 12 + (m - 1) + step;
    const yy = Math.floor(index / 12);
    const mm = index - yy * 12 + 1;
    return [dayNumber(yy, mm, 1), dayNumber(yy, mm, daysInMonth(yy, mm))];
  }
  return [dayNumber(y + step, 1, 1), dayNumber(y + step, 12, 31)];
}

export interface Expansion {
  /** Occurrence starts (floating) in the window, oldest first. */
  starts: Date[];
  /** Whether the rule has occurrences past the horizon (the walk stopped at the bound). */
  cutOff: boolean;
  /** Days looked at: never more than the horizon plus one period. */
  daysExamined: number;
}

/**
 * Occurrence starts of the rule from `from` to `to` (floating, inclusive), at most `limit`, never
 * looking at days more than `horizonDays` after the first start. COUNT counts from the start.
 */
export function expandRule(
  parts: RuleParts,
  dtstart: Date,
  window: { from: Date; to: Date; limit: number; horizonDays: number },
): Expansion {
  const startMs = dtstart.getTime();
  const startDay = Math.floor(startMs / DAY_MS);
  const timeOfDay = startMs - startDay * DAY_MS;
  const p = withDefaults(parts, startDay);
  const lastDay = startDay + window.horizonDays;
  const toMs = Math.min(window.to.getTime(), p.until ?? Infinity);
  const starts: Date[] = [];
  let remaining = p.count ?? Infinity;
  let daysExamined = 0;
  for (let k = 0; ; k++) {
    const [first, last] = period(p, startDay, k);
    if (first > lastDay)
      return { starts, cutOff: remaining > 0 && first * DAY_MS + timeOfDay <= toMs, daysExamined };
    let days: number[] = [];
    for (let n = first; n <= last; n++) {
      daysExamined++;
      if (matchesDay(p, n)) days.push(n);
    }
    if (p.bySetPos) days = pick(days, p.bySetPos);
    for (const n of days) {
      const at = n * DAY_MS + timeOfDay;
      if (at < startMs) continue;
      if (at > toMs || n > lastDay)
        return { starts, cutOff: n > lastDay && at <= toMs, daysExamined };
      if (at >= window.from.getTime()) {
        starts.push(new Date(at));
        if (starts.length >= window.limit) return { starts, cutOff: false, daysExamined };
      }
      if (--remaining <= 0) return { starts, cutOff: false, daysExamined };
    }
  }
}

/** The BYSETPOS selection of a period's days, in date order. */
function pick(days: number[], positions: number[]): number[] {
  const chosen = new Set<number>();
  for (const pos of positions) {
    const day = pos > 0 ? days[pos - 1] : days[days.length + pos];
    if (day !== undefined) chosen.add(day);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Reads a BYDAY value; throws a readable message for a wrong entry. */
export function weekdayEntries(value: string, onBad: (entry: string) => Error): WeekdayEntry[] {
  return value.split(',').map((entry) => {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(entry);
    if (!m || m[1] === '0' || (m[1] !== undefined && Math.abs(Number(m[1])) > 53))
      throw onBad(entry);
    return {
      weekday: WEEKDAY_CODES.indexOf(m[2] as (typeof WEEKDAY_CODES)[number]),
      n: m[1] === undefined ? undefined : Number(m[1]),
    };
  });
}

export const weekdayIndex = (code: string) =>
  WEEKDAY_CODES.indexOf(code as (typeof WEEKDAY_CODES)[number]);
