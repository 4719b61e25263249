import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { applyLinks, scanCalendar } from '../../../src/core/ics/patch.js';
import { globMatcher } from '../../../src/core/usecases/import-calendar.js';
import { readWithIcalJs } from '../../support/ics-check.js';

const PREFIX = 'https://meet.example.test/j/';
const URL_A = `${PREFIX}aaaaaaaaaaaaaaaaaaaaaaaaaaaa`;
const ics = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const scan = (text: string) => scanCalendar(text, { ourPrefix: PREFIX, maxEvents: 100 });
const link = { url: URL_A, label: 'Join the call' };

const EVENT = ics(
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//EN',
  'X-WR-CALNAME:Team',
  'BEGIN:VEVENT',
  'UID:e1@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=W. Europe Standard Time:20260301T100000',
  'SUMMARY:Planning',
  'LOCATION;ALTREP="http://x/room":Room 4\\; 2nd floor',
  'DESCRIPTION:Agenda:\\n1. plans',
  'X-ALT-DESC;FMTTYPE=text/html:<html><body class="x"><p>Agenda</p></body></html>',
  'X-MOZ-GENERATION:3',
  'BEGIN:VALARM',
  'ACTION:DISPLAY',
  'TRIGGER:-PT15M',
  'END:VALARM',
  'END:VEVENT',
  'END:VCALENDAR',
);

describe('applyLinks', () => {
  it('adds the link to LOCATION, DESCRIPTION, X-ALT-DESC, URL and CONFERENCE, before VALARM', () => {
    const out = applyLinks(scan(EVENT), new Map([[0, link]]));
    expect(out).toBe(
      ics(
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        'X-WR-CALNAME:Team',
        'BEGIN:VEVENT',
        'UID:e1@test',
        'DTSTAMP:20260101T000000Z',
        'DTSTART;TZID=W. Europe Standard Time:20260301T100000',
        'SUMMARY:Planning',
        'LOCATION;ALTREP="http://x/room":Room 4\\; 2nd floor\\, https://meet.example.t',
        ' est/j/aaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        'DESCRIPTION:Join the call: https://meet.example.test/j/aaaaaaaaaaaaaaaaaaaa',
        ' aaaaaaaa\\n\\nAgenda:\\n1. plans',
        'X-ALT-DESC;FMTTYPE=text/html:<html><body class="x"><p>Join the call: <a hre',
        ' f="https://meet.example.test/j/aaaaaaaaaaaaaaaaaaaaaaaaaaaa">https://meet.',
        ' example.test/j/aaaaaaaaaaaaaaaaaaaaaaaaaaaa</a></p><p>Agenda</p></body></h',
        ' tml>',
        'X-MOZ-GENERATION:3',
        'URL:https://meet.example.test/j/aaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        'CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Join the call:https://meet.example',
        ' .test/j/aaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        'TRIGGER:-PT15M',
        'END:VALARM',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
    );
    const [ev] = readWithIcalJs(out);
    expect(ev?.location).toBe('Room 4; 2nd floor, ' + URL_A);
    expect(ev?.description).toBe(`Join the call: ${URL_A}\n\nAgenda:\n1. plans`);
    expect(ev?.conference).toEqual([URL_A]);
  });

  it('keeps an existing URL (it may hold only one) and fills empty text properties', () => {
    const text = ics(
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:u',
      'URL:https://example.org/event',
      'LOCATION:',
      'END:VEVENT',
      'END:VCALENDAR',
    );
    const out = applyLinks(scan(text), new Map([[0, link]]));
    expect(out).toContain('URL:https://example.org/event\r\n');
    expect(out).not.toContain(`URL:${URL_A}`);
    expect(out).toContain(`LOCATION:${URL_A}\r\n`);
  });

  it('escapes a label that could break the line and refuses a URL that could', () => {
    const cal = scan(EVENT);
    const out = applyLinks(cal, new Map([[0, { url: URL_A, label: 'Join: now\r\nX-EVIL:1' }]]));
    expect(out).not.toMatch(/^X-EVIL/m);
    expect(out).toContain('LABEL="Join: now^nX-EVIL:1"'); // RFC 6868 line break
    expect(() => applyLinks(cal, new Map([[0, { url: `${URL_A}\r\nX:1`, label: 'x' }]]))).toThrow(
      AppError,
    );
  });
});

describe('scanCalendar', () => {
  const wrap = (...lines: string[]) =>
    ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', ...lines, 'END:VEVENT', 'END:VCALENDAR');

  it.each([
    ['X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij', 'other'],
    ['X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/1', 'other'],
    ['CONFERENCE;VALUE=URI:https://example.com/call', 'other'],
    ['DESCRIPTION:Join Zoom: https://us02web.zoom.us/j/123456', 'other'],
    ['LOCATION:Microsoft Teams https://teams.microsoft.com/l/meetup-join/19%3a', 'other'],
    [`URL:${URL_A}`, 'ours'],
    ['LOCATION:Zoom room 3 (the big one)', null],
  ])('sees %s as a call of kind %s', (line, kind) => {
    expect(scan(wrap(line)).events[0]?.call).toBe(kind);
  });

  it.each([
    [
      ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VCALENDAR'),
      3,
      /END:VCALENDAR closes BEGIN:VEVENT/,
    ],
    [ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x'), 3, /never closed/],
    [ics('X:1', 'BEGIN:VCALENDAR', 'END:VCALENDAR'), 1, /before BEGIN:VCALENDAR/],
    [ics('BEGIN:VEVENT', 'END:VEVENT'), 1, /expected BEGIN:VCALENDAR/],
    [wrap('DTSTART:20260101T100000Z', 'DTSTART:20260102T100000Z'), 5, /second DTSTART/],
    [wrap('ORGANIZER;CN=Sixt SE'), 4, /"ORGANIZER" has no ":"/],
    [wrap('<<garbage>>'), 4, /must start with a property name/],
    [
      ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:__proto__', 'END:VEVENT', 'END:VCALENDAR'),
      3,
      /UID "__proto__" is not allowed/,
    ],
    [
      ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:constructor', 'END:VEVENT', 'END:VCALENDAR'),
      3,
      /not allowed/,
    ],
  ])('refuses a malformed calendar naming the line (%#)', (text, line, why) => {
    try {
      scan(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('calendar_invalid');
      expect((error as AppError).message).toMatch(new RegExp(`^Line ${line} `));
      expect((error as AppError).message).toMatch(why);
      expect((error as AppError).details).toEqual({ line });
    }
  });

  it('stops at the event limit with payload_too_large', () => {
    const two = ics(
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'END:VEVENT',
      'END:VCALENDAR',
    );
    expect(() => scanCalendar(two, { ourPrefix: PREFIX, maxEvents: 1 })).toThrow(
      expect.objectContaining({ code: 'payload_too_large' }),
    );
  });

  it('keeps properties some exporters write after END:VCALENDAR, and blank lines', () => {
    const text = ics('BEGIN:VCALENDAR', '', 'END:VCALENDAR', 'X-COMMENT:cached');
    expect(applyLinks(scan(text), new Map())).toBe(text);
  });
});

describe('hostile input', () => {
  it('scans and patches megabytes of backtracking bait in linear time (regression: ReDoS)', () => {
    const bait = 'a-'.repeat(500_000) + '<body'.repeat(200_000);
    const text = ics(
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:bait',
      `DESCRIPTION:${bait}`,
      `X-ALT-DESC;FMTTYPE=text/html:${bait}`,
      'END:VEVENT',
      'END:VCALENDAR',
    );
    const started = performance.now();
    const cal = scan(text);
    expect(cal.events[0]?.call).toBeNull();
    const out = applyLinks(cal, new Map([[0, link]]));
    expect(out.length).toBeGreaterThan(text.length);
    // Generous: linear work takes well under a second; quadratic would take hours.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('globMatcher', () => {
  it.each([
    ['weekly*', 'Weekly team sync', true],
    ['sync', 'Weekly team sync', true],
    ['dent?st', 'Dentist', true],
    ['w*y*c', 'Weekly sync', true],
    ['standup', 'Weekly sync', false],
    ['a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000), false],
  ])('%s against %s → %s', (pattern, text, expected) => {
    expect(globMatcher(pattern)(text)).toBe(expected);
  });
});
