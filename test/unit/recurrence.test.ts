import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../src/core/events.js';
import { checkRecurrence, isOccurrence, occurrencesBetween } from '../../src/core/recurrence.js';

const start = DateTime.fromISO('2026-03-02T09:00', { zone: 'Europe/Berlin' }); // a Monday
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('recurrence rules', () => {
  it('writes UNTIL in UTC (end of that day in the event zone for a DATE)', () => {
    expect(checkRecurrence('FREQ=WEEKLY;UNTIL=20260330', start).rule).toBe(
      'RRULE:FREQ=WEEKLY;UNTIL=20260330T215959Z',
    );
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    const days = occurrencesBetween(
      'RRULE:FREQ=WEEKLY;COUNT=6',
      start,
      start,
      start.plus({ weeks: 6 }),
    );
    expect(days.map((d) => d.toFormat('LL-dd HH:mm ZZ'))).toEqual([
      '03-02 09:00 +01:00',
      '03-09 09:00 +01:00',
      '03-16 09:00 +01:00',
      '03-23 09:00 +01:00',
      '03-30 09:00 +02:00',
      '04-06 09:00 +02:00',
    ]);
  });

  it('knows the last start of a bounded series and none for an endless one', () => {
    expect(checkRecurrence('RRULE:FREQ=DAILY;COUNT=3', start).lastStart?.toISOString()).toBe(
      '2026-03-04T08:00:00.000Z',
    );
    expect(checkRecurrence('RRULE:FREQ=WEEKLY;BYDAY=MO', start).lastStart).toBeNull();
  });

  it('tells occurrences from other times', () => {
    expect(isOccurrence('RRULE:FREQ=WEEKLY;BYDAY=MO,WE', start, start.plus({ days: 2 }))).toBe(
      true,
    );
    expect(isOccurrence('RRULE:FREQ=WEEKLY;BYDAY=MO,WE', start, start.plus({ days: 1 }))).toBe(
      false,
    );
  });

  it.each([
    'FREQ=MONTHLY;BYDAY=1MO',
    'FREQ=MONTHLY;BYDAY=-5MO',
    'FREQ=MONTHLY;BYMONTHDAY=2,-1',
    'FREQ=YEARLY;BYMONTH=3;BYDAY=1MO',
    'FREQ=YEARLY;BYYEARDAY=61',
    'FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20261231T000000Z',
  ])('accepts %s starting on one of its days', (rule) => {
    expect(code(() => checkRecurrence(rule, start))).toBe('ok');
  });

  it.each([
    'FREQ=SECONDLY',
    'FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1',
    'FREQ=MONTHLY;BYMONTHDAY=40',
    'FREQ=MINUTELY;COUNT=5',
    'FREQ=HOURLY',
    'FREQ=DAILY;BYHOUR=9,10',
    'FREQ=DAILY;BYMINUTE=0,30',
    'FREQ=DAILY;COUNT=1001',
    'FREQ=DAILY;COUNT=0',
    'FREQ=DAILY;INTERVAL=0',
    'FREQ=WEEKLY;COUNT=2;UNTIL=20260401',
    'FREQ=WEEKLY;UNTIL=20200101',
    'FREQ=DAILY;UNTIL=21000101',
    'FREQ=WEEKLY;BYDAY=TU',
    'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=FORTNIGHTLY',
    'FREQ=WEEKLY;FREQ=DAILY',
    'COUNT=3',
    'FREQ=WEEKLY;BYDAY=XX',
    'garbage',
  ])('refuses %s', (rule) => {
    expect(code(() => checkRecurrence(rule, start))).toBe('invalid_recurrence');
  });
});

describe('event schedule', () => {
  const base = { start: '2026-03-02T09:00', end: '2026-03-02T10:00', timeZone: 'Europe/Berlin' };
  it('normalizes local times', () => {
    expect(checkSchedule(base)).toMatchObject({
      start: '2026-03-02T09:00:00',
      end: '2026-03-02T10:00:00',
    });
  });
  it.each([
    [{ end: '2026-03-02T09:00' }, 'invalid_time_range'],
    [{ end: '2026-04-30T09:00' }, 'invalid_time_range'],
    [{ timeZone: 'Nowhere/City' }, 'invalid_time_zone'],
    [{ timeZone: 'Europe/Berln' }, 'invalid_time_zone'],
    [{ start: '2026-03-02', end: '2026-03-02T10:00' }, 'validation_failed'],
    [{ start: '2026-03-02', end: '2026-03-02' }, 'invalid_time_range'],
    [{ start: '2026-02-30T09:00' }, 'validation_failed'],
  ])('refuses %o', (change, expected) => {
    expect(code(() => checkSchedule({ ...base, ...change }))).toBe(expected);
  });
});
