/**
 * VTIMEZONE components generated from the runtime's own tzdata (what Intl and luxon use), in
 * Google's style: the rules in force over the years an event's occurrences use, not the zone's
 * history since 1883, and under the TZID exactly as the event names it (an alias such as
 * Canada/Atlantic gets its own component with its real rules).
 *
 * Hand-written because no generator on npm reads the runtime's tzdata: the candidates ship
 * tables frozen at their build (@touch4it/ical-timezones 1.9.0 is stale for Tehran, Mexico City,
 * Cairo and 30 more; timezones-ical-library 2.3.2 follows another tzdata than the runtime's,
 * e.g. America/Edmonton, and renames aliases, Canada/Atlantic to America/Halifax; icalzone 0.0.1
 * is an unmaintained table), so invites would disagree with callink's own times. Transitions are found by
 * sampling the offset once a day and bisecting to the second where it changes (tzdata has no
 * two changes within a day in this century: the hourly zone sweep test would catch one), then
 * a yearly run of the same change (same month, weekday rule, local time and offsets) that is
 * still in force becomes one component with an RRULE, which Outlook needs to map the zone;
 * others (Morocco's Ramadan changes, rules that end) get one component per change.
 */
import { isUtc, offsetSeconds } from '../zone-time.js';

const DAY = 86_400_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

interface Transition {
  /** First instant (epoch ms) of the new offset. */
  at: number;
  from: number;
  to: number;
}

const yearCache = new Map<string, Transition[]>();
const textCache = new Map<string, string>();

/** The offset changes in (Jan 1 of year, Jan 1 of year + 1], UTC. */
function transitionsOfYear(zone: string, year: number): Transition[] {
  const key = `${zone}|${year}`;
  const cached = yearCache.get(key);
  if (cached) return cached;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const found: Transition[] = [];
  let t = start;
  let offset = offsetSeconds(zone, t);
  while (t < end) {
    const next = Math.min(t + DAY, end);
    const o = offsetSeconds(zone, next);
    if (o !== offset) {
      let lo = t / 1000;
      let hi = next / 1000;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetSeconds(zone, mid * 1000) === offset) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi * 1000, from: offset, to: o });
      offset = o;
    }
    t = next;
  }
  if (yearCache.size > 20_000) yearCache.clear();
  yearCache.set(key, found);
  return found;
}

function offsetText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(Math.floor(abs / 3600))}${pad(Math.floor((abs % 3600) / 60))}`;
  return `${sign}${hm}${abs % 60 ? pad(abs % 60) : ''}`;
}

function wallText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

const names = new Map<string, Intl.DateTimeFormat[]>();
/** An abbreviation where CLDR has one (EST in en-US, CET in en-GB), else "GMT+3:30". */
function zoneName(zone: string, at: number): string {
  let f = names.get(zone);
  if (!f) {
    f = ['en-US', 'en-GB'].map(
      (locale) => new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }),
    );
    if (names.size > 2000) names.clear();
    names.set(zone, f);
  }
  const found = f.map((x) => (x.format(at).split(', ').pop() ?? '').replace(/[^\w+:-]/g, ''));
  return found.find((n) => !/^(GMT|UTC)/.test(n)) ?? found[0] ?? 'GMT';
}

/** Daylight time when the offset is above the year's lowest (what luxon's isInDST says). */
function isDaylight(zone: string, at: number, offset: number): boolean {
  const year = new Date(at).getUTCFullYear();
  const jan = offsetSeconds(zone, Date.UTC(year, 0, 1));
  const jul = offsetSeconds(zone, Date.UTC(year, 6, 1));
  return offset > Math.min(jan, jul);
}

/** The yearly rules (RRULE parts) a change at this local wall time satisfies. */
function patterns(wall: Date): string[] {
  const day = wall.getUTCDate();
  const weekday = WEEKDAYS[wall.getUTCDay()] ?? 'SU';
  const month = wall.getUTCMonth();
  const daysInMonth = new Date(Date.UTC(wall.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const found: string[] = [];
  if (day + 7 > daysInMonth) found.push(`BYDAY=-1${weekday}`);
  if (day <= 28) found.push(`BYDAY=${Math.ceil(day / 7)}${weekday}`);
  found.push(`BYMONTHDAY=${day}`);
  return found;
}

interface Run {
  first: Transition;
  all: Transition[];
  lastYear: number;
  rules: string[];
  count: number;
}

/** The wall time in 1970 a yearly rule (BYDAY=-1SU, BYDAY=2SU, BYMONTHDAY=9) falls on. */
function in1970(wall: Date, rule: string): Date {
  const month = wall.getUTCMonth();
  const time = wall.getTime() % 86_400_000;
  const m = /^BYDAY=(-?\d)(\w\w)$/.exec(rule);
  let day = wall.getUTCDate();
  if (m) {
    const weekday = WEEKDAYS.indexOf(m[2] ?? 'SU');
    const n = Number(m[1]);
    const last = new Date(Date.UTC(1970, month + 1, 0)).getUTCDate();
    const candidates: number[] = [];
    for (let d = 1; d <= last; d++) {
      if (new Date(Date.UTC(1970, month, d)).getUTCDay() === weekday) candidates.push(d);
    }
    day = (n < 0 ? candidates[candidates.length + n] : candidates[n - 1]) ?? day;
  }
  return new Date(Date.UTC(1970, month, day) + time);
}

function component(zone: string, t: Transition, yearly: string | null, from1970 = false): string[] {
  const kind = isDaylight(zone, t.at, t.to) ? 'DAYLIGHT' : 'STANDARD';
  const first = new Date(t.at + t.from * 1000);
  const wall = yearly && from1970 ? in1970(first, yearly) : first;
  return [
    `BEGIN:${kind}`,
    `TZOFFSETFROM:${offsetText(t.from)}`,
    `TZOFFSETTO:${offsetText(t.to)}`,
    `TZNAME:${zoneName(zone, t.at)}`,
    `DTSTART:${wallText(wall.getTime())}`,
    ...(yearly ? [`RRULE:FREQ=YEARLY;BYMONTH=${wall.getUTCMonth() + 1};${yearly}`] : []),
    `END:${kind}`,
  ];
}

/**
 * A run still going at the end of the span is one component with an open RRULE (the rule in
 * force); a run that ends inside it is spelled out change by change, because python-icalendar
 * (4.0) cannot read a VTIMEZONE RRULE with UNTIL, which RFC 5545 would want in UTC there.
 */
function components(zone: string, run: Run, toYear: number, from1970: boolean): string[] {
  if (isOpen(run, toYear)) return component(zone, run.first, run.rules[0] ?? null, from1970);
  return run.all.flatMap((t) => component(zone, t, null));
}

const isOpen = (run: Run, toYear: number) => run.count > 1 && run.lastYear >= toYear;

/** Groups a zone's changes into yearly runs of the same kind, each with its rules in common. */
function runsOf(all: Transition[]): Run[] {
  const open = new Map<string, Run>();
  const runs: Run[] = [];
  for (const t of all) {
    const wall = new Date(t.at + t.from * 1000);
    const year = wall.getUTCFullYear();
    const key = `${t.from}|${t.to}|${wall.getUTCMonth()}|${wall.toISOString().slice(11, 19)}`;
    const rules = patterns(wall);
    const run = open.get(key);
    const common = run ? run.rules.filter((r) => rules.includes(r)) : [];
    if (run && run.lastYear === year - 1 && common.length > 0) {
      run.rules = common;
      run.all.push(t);
      run.lastYear = year;
      run.count += 1;
    } else {
      const fresh: Run = { first: t, all: [t], lastYear: year, rules, count: 1 };
      open.set(key, fresh);
      runs.push(fresh);
    }
  }
  return runs;
}

/**
 * The VTIMEZONE for `zone` (named as given) whose rules cover fromYear..toYear (UTC years):
 * the offset in force at the start, then each change. Null for UTC, which needs none (`…Z`).
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string | null {
  if (isUtc(zone)) return null;
  const key = `${zone}|${fromYear}|${toYear}`;
  const cached = textCache.get(key);
  if (cached !== undefined) return cached;
  // One year more than asked shows whether the last year's changes go on (an RRULE without
  // UNTIL, as Outlook needs to map the zone) even for a meeting within one year.
  const all: Transition[] = [];
  for (let y = fromYear; y <= toYear + 1; y++) all.push(...transitionsOfYear(zone, y));
  const startAt = Date.UTC(fromYear, 0, 1);
  const initial = offsetSeconds(zone, startAt);
  const kind = isDaylight(zone, startAt, initial) ? 'DAYLIGHT' : 'STANDARD';
  const runs = runsOf(all);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  // Rules in force over the whole span are written as Google and Outlook do, from 1970 on
  // (libical misreads local times in the first year of a rule that starts later); otherwise
  // the offset at the start of the span, then each change.
  const steady =
    runs.length > 0 &&
    runs.every((r) => isOpen(r, toYear + 1) && r.first.at < Date.UTC(fromYear + 1, 0, 1));
  if (!steady) {
    lines.push(
      `BEGIN:${kind}`,
      `TZOFFSETFROM:${offsetText(initial)}`,
      `TZOFFSETTO:${offsetText(initial)}`,
      `TZNAME:${zoneName(zone, startAt)}`,
      'DTSTART:19700101T000000',
      `END:${kind}`,
    );
  }
  for (const run of runs) lines.push(...components(zone, run, toYear + 1, steady));
  lines.push('END:VTIMEZONE');
  const text = `${lines.join('\r\n')}\r\n`;
  if (textCache.size > 5000) textCache.clear();
  textCache.set(key, text);
  return text;
}
