/**
 * Whether an imported series still has an occurrence at or after a time, decided without
 * node-ical's iterator: rrule-temporal walks period by period (4 s for a daily series from
 * 1995, then "Maximum iterations"). UNTIL answers at once; a COUNT rule is expanded with the
 * bounded expander. When in doubt the series counts as ahead: the filter keeps rather than drops.
 */
import {
  expandRule,
  weekdayEntries,
  weekdayIndex,
  type Freq,
  type RuleParts,
} from '../recurrence-expand.js';

const DAY_MS = 86_400_000;
/** Zones shift wall-clock times by up to 14 h: compare with this much slack. */
const SLACK_MS = DAY_MS;
/** Series older than this are not walked; they count as ahead. */
const MAX_WALK_DAYS = 100 * 366;
const UNIT_MS: Record<string, number> = {
  SECONDLY: 1e3,
  MINUTELY: 6e4,
  HOURLY: 36e5,
  DAILY: DAY_MS,
};

function partsOf(rule: string): Map<string, string> {
  const body = /(?:^|\n)RRULE:([^\n]*)/i.exec(rule)?.[1] ?? rule.replace(/^RRULE:/i, '');
  const parts = new Map<string, string>();
  for (const piece of body.trim().split(';')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts.set(piece.slice(0, eq).toUpperCase(), piece.slice(eq + 1).toUpperCase());
  }
  return parts;
}

function untilMs(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?/.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 23), +(m[5] ?? 59), +(m[6] ?? 59));
}

const nums = (v: string | undefined) => {
  if (v === undefined) return undefined;
  const out = v.split(',').map(Number);
  if (out.some((n) => !Number.isInteger(n) || n === 0)) throw new Error('bad number');
  return out;
};

/** `rule` is an RRULE (with or without a DTSTART line); `start` the first start's instant. */
export function seriesHasOccurrenceFrom(rule: string, start: Date, from: Date): boolean {
  const parts = partsOf(rule);
  const until = parts.get('UNTIL');
  if (until !== undefined) {
    const end = untilMs(until);
    return !(end + SLACK_MS < from.getTime());
  }
  const count = Number(parts.get('COUNT'));
  if (!Number.isInteger(count) || count < 1) return true; // endless (or unreadable): ahead
  const freq = parts.get('FREQ') ?? '';
  const interval = Number(parts.get('INTERVAL') ?? 1);
  if (!Number.isInteger(interval) || interval < 1) return true;
  const byParts = [...parts.keys()].filter((k) => k.startsWith('BY'));
  if (UNIT_MS[freq] !== undefined && byParts.length === 0) {
    // Without BY parts every period holds exactly one occurrence.
    const last = start.getTime() + (count - 1) * interval * UNIT_MS[freq];
    return !(last + SLACK_MS < from.getTime());
  }
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) return true;
  if (byParts.some((k) => /BYHOUR|BYMINUTE|BYSECOND|BYEASTER/.test(k))) return true;
  const walk = Math.ceil((from.getTime() - start.getTime()) / DAY_MS) + 2;
  if (walk > MAX_WALK_DAYS) return true;
  try {
    const wkst = parts.get('WKST');
    const ruleParts: RuleParts = {
      freq: freq as Freq,
      interval,
      count,
      byMonth: nums(parts.get('BYMONTH')),
      byWeekNo: nums(parts.get('BYWEEKNO')),
      byYearDay: nums(parts.get('BYYEARDAY')),
      byMonthDay: nums(parts.get('BYMONTHDAY')),
      byDay: parts.has('BYDAY')
        ? weekdayEntries(parts.get('BYDAY') ?? '', () => new Error('bad BYDAY'))
        : undefined,
      bySetPos: nums(parts.get('BYSETPOS')),
      wkst: wkst && weekdayIndex(wkst) >= 0 ? weekdayIndex(wkst) : 0,
    };
    const found = expandRule(ruleParts, start, {
      from: new Date(from.getTime() - SLACK_MS),
      to: new Date(8.64e15),
      limit: 1,
      horizonDays: walk,
    });
    return found.starts.length > 0 || found.cutOff;
  } catch {
    return true;
  }
}
