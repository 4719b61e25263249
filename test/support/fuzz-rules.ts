/**
 * Shared fuzz inputs for issue 14: recurrence rules built from every BY part (most of them
 * wrong, some never matching, some that made rrule walk to the year 9999), and path segments
 * with malformed % escapes, sent raw (not passed through encodeURIComponent).
 */
import fc from 'fast-check';

const list = (min: number, max: number) =>
  fc
    .array(
      fc.integer({ min, max }).filter((n) => n !== 0),
      { minLength: 1, maxLength: 3 },
    )
    .map((a) => [...new Set(a)].join(','));
export const weekdayCode = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
const byDay = fc
  .array(fc.tuple(fc.option(fc.integer({ min: -5, max: 5 }).filter((n) => n !== 0)), weekdayCode), {
    minLength: 1,
    maxLength: 3,
  })
  .map((a) => a.map(([n, d]) => `${n ?? ''}${d}`).join(','));

/** FREQ plus any of INTERVAL, COUNT, UNTIL and every BY part callink knows, plus WKST. */
export const anyRule = fc
  .record(
    {
      FREQ: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'HOURLY', 'XX'),
      INTERVAL: fc.integer({ min: 0, max: 1001 }).map(String),
      COUNT: fc.integer({ min: 0, max: 1001 }).map(String),
      UNTIL: fc.constantFrom('20300101', '20991231T000000Z', '20200101', '2030'),
      BYMONTH: list(1, 12),
      BYWEEKNO: list(-53, 53),
      BYYEARDAY: list(-366, 366),
      BYMONTHDAY: list(-31, 31),
      BYDAY: byDay,
      BYSETPOS: list(-366, 366),
      BYHOUR: list(0, 23),
      WKST: fc.oneof(weekdayCode, fc.constant('XX')),
    },
    { requiredKeys: ['FREQ'] },
  )
  .map((r) =>
    Object.entries(r)
      .map(([k, v]) => `${k}=${v}`)
      .join(';'),
  );

/** Segments that are not valid percent-encoding; RAW marks them to be sent as they are. */
export const RAW = '\u0000raw:';
export const malformedEscape = fc
  .constantFrom('%', '%%', '%zz', '%E0%A4%A', 'a%2', '%C0', '%ED%A0%80', '%25%')
  .map((s) => RAW + s);
/** A path segment for a URL: raw when marked, else percent-encoded. */
export const inPath = (s: string) =>
  s.startsWith(RAW) ? s.slice(RAW.length) : encodeURIComponent(s);
