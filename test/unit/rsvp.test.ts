/**
 * The pure parts of RSVPs: reading REPLYs as Outlook, Gmail and Apple send them (and refusing
 * what is not one), the report line, and when a scheduled call opens (overrides and
 * cancellations included).
 */
import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../src/core/events.js';
import { readAnswers, readReply } from '../../src/core/ics/reply.js';
import { summaryLine } from '../../src/core/invitee-report.js';
import { callGate, defaultSchedule, nextOccurrence } from '../../src/core/link-schedule.js';
import { rsvpFor, rsvpOfWord } from '../../src/core/rsvp.js';
import { replyCalendar } from '../support/reply-mail.js';

const values = {
  UID: 'u1@callink',
  ATTENDEE: 'Ada@Example.org',
  NAME: 'Ada',
  ORGANIZER: 'olga@example.org',
  SEQUENCE: '3',
  TITLE: 'Weekly',
  RECURRENCE_ID: '20270111T100000',
  RECURRENCE_END: '20270111T104500',
  DTSTART_UTC: '20270104T090000Z',
  DTEND_UTC: '20270104T094500Z',
  DTSTART_LOCAL: '20270104T100000',
  DTEND_LOCAL: '20270104T104500',
};

describe('reading a REPLY', () => {
  it('reads Outlook’s decline of one occurrence, with its Windows zone name', () => {
    const r = readReply(replyCalendar('outlook', values));
    expect(r).toEqual({
      ok: true,
      items: [
        {
          uid: 'u1@callink',
          sequence: 3,
          occurrence: { instant: new Date('2027-01-11T09:00:00Z'), local: '2027-01-11T10:00:00' },
          answers: [{ email: 'ada@example.org', partstat: 'DECLINED' }],
        },
      ],
    });
  });

  it('reads Gmail’s folded ATTENDEE line and Apple’s EMAIL= parameter', () => {
    for (const client of ['gmail', 'apple'] as const) {
      const r = readReply(replyCalendar(client, values));
      expect(r.ok && r.items[0]?.answers).toEqual([
        { email: 'ada@example.org', partstat: 'ACCEPTED' },
      ]);
      expect(r.ok && r.items[0]?.occurrence).toBeNull();
    }
  });

  it('says why it cannot use what is not a REPLY', () => {
    const request = replyCalendar('gmail', values).replace('METHOD:REPLY', 'METHOD:REQUEST');
    expect(readReply(request)).toEqual({ ok: false, reason: 'not_a_reply: METHOD is REQUEST' });
    expect(readAnswers(request).ok).toBe(true); // a CalDAV copy may carry answers anyway
    expect(readReply('')).toEqual({ ok: false, reason: 'malformed: no VCALENDAR' });
    expect(readReply('BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n')).toEqual({
      ok: false,
      reason: 'malformed: no VEVENT',
    });
    const noSeq = replyCalendar('apple', { ...values, SEQUENCE: 'x' });
    expect(readReply(noSeq)).toEqual({ ok: false, reason: 'malformed: SEQUENCE is not a number' });
    const hostile = replyCalendar('gmail', { ...values, ATTENDEE: '__proto__' });
    expect(readReply(hostile)).toEqual({
      ok: false,
      reason: 'malformed: no ATTENDEE with an address',
    });
  });
});

describe('answers', () => {
  it('takes the occurrence’s own answer over the series’', () => {
    const base = { eventId: 'e', email: 'a@x.org', sequence: 0, source: 'imap-reply' as const };
    const records = [
      { ...base, recurrenceId: '', rsvp: 'accepted' as const, answeredAt: new Date(1) },
      {
        ...base,
        recurrenceId: '2027-01-11T10:00:00',
        rsvp: 'declined' as const,
        answeredAt: new Date(2),
      },
    ];
    expect(rsvpFor(records, 'a@x.org', '2027-01-11T10:00:00')?.rsvp).toBe('declined');
    expect(rsvpFor(records, 'a@x.org', '2027-01-18T10:00:00')?.rsvp).toBe('accepted');
    expect(rsvpFor(records, 'b@x.org', '2027-01-18T10:00:00')).toBeUndefined();
    expect(['yes', 'Maybe', 'NO', 'perhaps', 7].map(rsvpOfWord)).toEqual([
      'accepted',
      'tentative',
      'declined',
      undefined,
      undefined,
    ]);
  });

  it('says the report as the organizer page shows it', () => {
    const s = { invited: 9, accepted: 5, tentative: 0, declined: 0, none: 4, came: 4 };
    expect(summaryLine({ ...s, noShow: 1, uninvited: 2 })).toBe(
      '5 accepted · 4 came · 1 no-show · 2 uninvited guests',
    );
    expect(summaryLine({ ...s, declined: 1, noShow: 1, uninvited: 1 })).toBe(
      '5 accepted · 1 declined · 4 came · 1 no-show · 1 uninvited guest',
    );
  });
});

describe('when a scheduled call opens', () => {
  const weekly: CalendarEvent = {
    id: 'e1',
    uid: 'e1@x',
    sequence: 2,
    linkId: 'l1',
    teamId: null,
    ownerId: null,
    title: 'Weekly',
    start: '2027-01-04T10:00:00',
    end: '2027-01-04T10:45:00',
    timeZone: 'Europe/Berlin',
    organizer: { name: 'O', email: 'o@x.org' },
    attendees: [],
    description: null,
    recurrence: 'FREQ=WEEKLY;COUNT=4',
    overrides: [
      {
        recurrenceId: '2027-01-11T10:00:00',
        cancelled: true,
        start: null,
        end: null,
        title: null,
        description: null,
        sequence: 1,
      },
      {
        recurrenceId: '2027-01-18T10:00:00',
        cancelled: false,
        start: '2027-01-18T14:00:00',
        end: '2027-01-18T14:45:00',
        title: null,
        description: null,
        sequence: 2,
      },
    ],
    status: 'confirmed',
    createdAt: new Date(0),
    updatedAt: new Date(0),
    cancelledAt: null,
    lastEnd: null,
  };
  const five = { ...defaultSchedule('l1'), openMinutesBefore: 5 };

  it('is always open by default, as before', () => {
    expect(callGate(defaultSchedule('l1'), [weekly], new Date('2020-01-01'))).toEqual({
      open: true,
    });
  });

  it('skips a cancelled occurrence and follows a moved one', () => {
    const next = nextOccurrence([weekly], new Date('2027-01-05T12:00:00Z'));
    expect(next?.start).toEqual(new Date('2027-01-18T13:00:00Z')); // 14:00 in Berlin
    const gate = callGate(five, [weekly], new Date('2027-01-18T12:50:00Z'));
    expect(gate).toMatchObject({ open: false, opensAt: new Date('2027-01-18T12:55:00Z') });
    expect(callGate(five, [weekly], new Date('2027-01-18T12:56:00Z'))).toEqual({ open: true });
    expect(callGate(five, [weekly], new Date('2027-01-18T13:40:00Z'))).toEqual({ open: true });
  });

  it('stays closed after the last occurrence', () => {
    expect(callGate(five, [weekly], new Date('2027-03-01T00:00:00Z'))).toEqual({
      open: false,
      next: undefined,
      opensAt: undefined,
    });
  });
});
