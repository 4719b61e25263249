import { describe, expect, it } from 'vitest';
import { lintCalendar } from '../../src/core/ics/lint.js';

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const vtz = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:STANDARD',
  'DTSTART:19701025T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'END:STANDARD',
  'END:VTIMEZONE',
];
function invite(over: { method?: string | null; event?: string[]; zones?: boolean } = {}): string {
  const method = over.method === undefined ? 'REQUEST' : over.method;
  return crlf([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...(method ? [`METHOD:${method}`] : []),
    ...(over.zones === false ? [] : vtz),
    'BEGIN:VEVENT',
    ...(over.event ?? [
      'UID:abc@example.org',
      'SEQUENCE:0',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;TZID=Europe/Paris:20260310T090000',
      'DTEND;TZID=Europe/Paris:20260310T100000',
      'SUMMARY:Sync',
      'ORGANIZER;CN=Ann:mailto:ann@example.org',
      'ATTENDEE;RSVP=TRUE:mailto:bob@example.org',
    ]),
    'END:VEVENT',
    'END:VCALENDAR',
  ]);
}
const kinds = (text: string, options = {}) =>
  lintCalendar(text, options).problems.map((p) => p.kind);

describe('invite lint', () => {
  it('passes a well-formed invite', () => {
    expect(lintCalendar(invite()).problems).toEqual([]);
    expect(lintCalendar(invite()).ok).toBe(true);
  });

  it('flags an invite without METHOD', () => {
    expect(kinds(invite({ method: null }))).toEqual(['missing_method']);
  });

  it('flags a MIME method that differs from METHOD', () => {
    expect(kinds(invite(), { mimeMethod: 'CANCEL' })).toEqual(['method_mismatch']);
  });

  it('flags a TZID without VTIMEZONE', () => {
    expect(kinds(invite({ zones: false }))).toEqual(['missing_vtimezone', 'missing_vtimezone']);
  });

  it('flags missing ORGANIZER, attendees and SEQUENCE in a REQUEST', () => {
    const text = invite({
      event: ['UID:a', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260310T090000Z'],
    });
    expect(kinds(text)).toEqual(['missing_organizer', 'missing_attendees', 'missing_sequence']);
  });

  it('flags floating DTSTAMP, local UNTIL and a cancel sent as REQUEST', () => {
    const text = invite({
      event: [
        'UID:a',
        'SEQUENCE:1',
        'DTSTAMP:20260101T000000',
        'DTSTART;TZID=Europe/Paris:20260310T090000',
        'RRULE:FREQ=WEEKLY;UNTIL=20260401T090000',
        'STATUS:CANCELLED',
        'ORGANIZER:mailto:a@example.org',
        'ATTENDEE:mailto:b@example.org',
      ],
    });
    expect(kinds(text)).toEqual(['dtstamp_not_utc', 'until_not_utc', 'cancel_as_request']);
  });

  it('flags UIDs that break node-ical and does not pollute anything itself', () => {
    const text = invite({
      event: [
        'UID:__proto__',
        'SEQUENCE:0',
        'DTSTAMP:20260101T000000Z',
        'DTSTART:20260310T090000Z',
        'ORGANIZER:mailto:a@x.org',
        'ATTENDEE:mailto:b@x.org',
      ],
    });
    expect(kinds(text)).toEqual(['dangerous_uid']);
    expect(({} as Record<string, unknown>).SEQUENCE).toBeUndefined();
  });

  it('compares with earlier messages: SEQUENCE going down, unchanged SEQUENCE, CANCEL with a new UID', () => {
    const v1 = invite();
    const v2 = invite().replace('SEQUENCE:0', 'SEQUENCE:2').replace('T090000', 'T110000');
    expect(kinds(v1, { previous: [v2] })).toContain('sequence_decreased');
    const same = invite().replace('SUMMARY:Sync', 'SUMMARY:Moved');
    expect(kinds(same, { previous: [v1] })).toEqual(['sequence_not_raised']);
    const cancel = invite({ method: 'CANCEL' })
      .replace('UID:abc@example.org', 'UID:other@example.org')
      .replace('SEQUENCE:0', 'SEQUENCE:1')
      .replace('SUMMARY:Sync', 'STATUS:CANCELLED');
    expect(kinds(cancel, { previous: [v1] })).toEqual(['cancel_unknown_uid']);
  });

  it('reports structure problems instead of throwing', () => {
    expect(kinds('hello')).toEqual(['not_icalendar']);
    expect(kinds('BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\ngarbage\n')).toEqual(
      expect.arrayContaining(['syntax', 'bare_lf']),
    );
    expect(kinds(invite().replace('SUMMARY:Sync', `SUMMARY:${'x'.repeat(100)}`))).toEqual([
      'line_too_long',
    ]);
  });
});
