/**
 * Rule expansion is bounded by date before it walks (issue 14, item 1): no rule, however it is
 * built from BY parts, makes the expander look at more than the horizon plus one period, and
 * rules that can never match are refused with invalid_recurrence instead of walking to 9999.
 * The expander agrees with the rrule library on the rules both read the same way.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import rrule from 'rrule';
import { describe, expect, it } from 'vitest';
import { checkRecurrence, occurrencesBetween, toFloating } from '../../src/core/recurrence.js';
import { expandRule, type RuleParts } from '../../src/core/recurrence-expand.js';

const { RRule } = rrule;
const start = DateTime.fromISO('2026-03-02T09:00', { zone: 'Europe/Berlin' }); // a Monday
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

const list = (min: number, max: number) =>
  fc
    .array(
      fc.integer({ min, max }).filter((n) => n !== 0),
      { minLength: 1, maxLength: 3 },
    )
    .map((a) => [...new Set(a)].join(','));
const weekday = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
const byDay = fc
  .array(fc.tuple(fc.option(fc.integer({ min: -5, max: 5 }).filter((n) => n !== 0)), weekday), {
    minLength: 1,
    maxLength: 3,
  })
  .map((a) => a.map(([n, d]) => `${n ?? ''}${d}`).join(','));
/** Rules with every BY part callink knows, in any combination (most of them wrong). */
const anyRule = fc
  .record(
    {
      FREQ: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
      INTERVAL: fc.integer({ min: 1, max: 1000 }).map(String),
      COUNT: fc.integer({ min: 1, max: 1000 }).map(String),
      BYMONTH: list(1, 12),
      BYWEEKNO: list(-53, 53),
      BYYEARDAY: list(-366, 366),
      BYMONTHDAY: list(-31, 31),
      BYDAY: byDay,
      BYSETPOS: list(-366, 366),
      WKST: weekday,
    },
    { requiredKeys: ['FREQ'] },
  )
  .map((r) =>
    Object.entries(r)
      .map(([k, v]) => `${k}=${v}`)
      .join(';'),
  );

describe('bounded recurrence expansion', () => {
  it('a BYSETPOS daily rule does not freeze the server', () => {
    // Before: rrule walked day by day to the year 9999 (48 s on one request).
    expect(code(() => checkRecurrence('RRULE:FREQ=DAILY;BYSETPOS=2', start))).toBe(
      'invalid_recurrence',
    );
    expect(code(() => checkRecurrence('FREQ=DAILY;BYSETPOS=2;UNTIL=20400101', start))).toBe(
      'invalid_recurrence',
    );
    expect(code(() => checkRecurrence('FREQ=WEEKLY;BYDAY=MO;BYSETPOS=3', start))).toBe(
      'invalid_recurrence',
    );
  });

  it('a rule mixing plain and numbered BYDAY is read as alternatives, not walked to 9999', () => {
    // rrule intersects "MO" and "2TU" (never true) and walks on; RFC 5545 means either.
    const days = occurrencesBetween(
      'RRULE:FREQ=MONTHLY;BYDAY=MO,2TU;COUNT=6',
      start,
      start,
      start.plus({ months: 1 }),
    );
    expect(days.map((d) => d.toFormat('LL-dd'))).toEqual([
      '03-02',
      '03-09',
      '03-10',
      '03-16',
      '03-23',
      '03-30',
    ]);
  });

  it('an occurrence window far past the series is not walked to', () => {
    const far = DateTime.fromISO('9999-01-01T00:00', { zone: 'utc' });
    expect(occurrencesBetween('RRULE:FREQ=DAILY', start, far, far.plus({ days: 1 }))).toEqual([]);
  });

  it('refuses a COUNT that runs past 20 years', () => {
    expect(code(() => checkRecurrence('FREQ=YEARLY;COUNT=30', start))).toBe('invalid_recurrence');
    expect(code(() => checkRecurrence('FREQ=YEARLY;COUNT=20', start))).toBe('ok');
  });

  it('refuses WKST=XX and BY parts RFC 5545 forbids for the frequency', () => {
    for (const rule of [
      'FREQ=WEEKLY;WKST=XX',
      'FREQ=DAILY;BYWEEKNO=10',
      'FREQ=MONTHLY;BYYEARDAY=61',
      'FREQ=WEEKLY;BYMONTHDAY=2',
      'FREQ=WEEKLY;BYDAY=1MO',
      'FREQ=YEARLY;BYSETPOS=1',
    ]) {
      expect(
        code(() => checkRecurrence(rule, start)),
        rule,
      ).toBe('invalid_recurrence');
    }
  });

  it('never examines more days than the horizon plus one period, for any rule', () => {
    fc.assert(
      fc.property(anyRule, (text) => {
        // Validation is a pure, quick function of the text: it answers or refuses, never hangs.
        const verdict = code(() => checkRecurrence(text, start));
        expect(['ok', 'invalid_recurrence']).toContain(verdict);
        const parts = partsOf(text);
        const horizonDays = 7305;
        const res = expandRule(parts, toFloating(start), {
          from: toFloating(start),
          to: new Date(8.64e15),
          limit: 1e9,
          horizonDays,
        });
        expect(res.daysExamined).toBeLessThanOrEqual(horizonDays + 1 + 366);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with rrule on rules both read alike', () => {
    const simple = fc
      .record(
        {
          FREQ: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
          INTERVAL: fc.integer({ min: 1, max: 3 }).map(String),
          BYMONTH: list(1, 12),
          BYMONTHDAY: list(-31, 31),
          BYDAY: fc.array(weekday, { minLength: 1, maxLength: 3 }).map((a) => a.join(',')),
        },
        { requiredKeys: ['FREQ'] },
      )
      .filter((r) => !(r.FREQ === 'WEEKLY' && r.BYMONTHDAY));
    const dtstart = new Date(Date.UTC(2026, 0, 1, 9));
    let compared = 0;
    fc.assert(
      fc.property(simple, (r) => {
        const text = Object.entries(r)
          .map(([k, v]) => `${k}=${v}`)
          .join(';');
        const mine = expandRule(partsOf(text), dtstart, {
          from: dtstart,
          to: new Date(Date.UTC(2029, 0, 1)),
          limit: 8,
          horizonDays: 7305,
        }).starts;
        // Only ask rrule what it can answer without walking far: the first 8 found in 3 years.
        if (mine.length < 8) return;
        compared++;
        const theirs = new RRule({ ...RRule.parseString(text), dtstart, tzid: null }).all(
          (_d, i) => i < 8,
        );
        expect(
          mine.map((d) => d.toISOString()),
          text,
        ).toEqual(theirs.map((d) => d.toISOString()));
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(50);
  });
});

/** The expander's parts straight from rule text, unvalidated (the bound must hold anyway). */
function partsOf(text: string): RuleParts {
  const m = new Map(text.split(';').map((p) => p.split('=') as [string, string]));
  const nums = (k: string) => m.get(k)?.split(',').map(Number);
  const codes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  return {
    freq: m.get('FREQ') as RuleParts['freq'],
    interval: Number(m.get('INTERVAL') ?? 1),
    count: m.has('COUNT') ? Number(m.get('COUNT')) : undefined,
    byMonth: nums('BYMONTH'),
    byWeekNo: nums('BYWEEKNO'),
    byYearDay: nums('BYYEARDAY'),
    byMonthDay: nums('BYMONTHDAY'),
    byDay: m
      .get('BYDAY')
      ?.split(',')
      .map((e) => {
        const n = e.slice(0, -2);
        return { weekday: codes.indexOf(e.slice(-2)), n: n ? Number(n) : undefined };
      }),
    bySetPos: nums('BYSETPOS'),
    wkst: m.has('WKST') ? codes.indexOf(m.get('WKST') ?? 'MO') : 0,
  };
}
