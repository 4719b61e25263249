import { describe, expect, it } from 'vitest';
import type { AttendanceRecord } from '../../src/core/attendance.js';
import type { CalendarEvent } from '../../src/core/events.js';
import { attendanceByOccurrence, occurrenceWindows } from '../../src/core/occurrence-attendance.js';

const event: CalendarEvent = {
  id: 'ev1',
  uid: 'uid1',
  sequence: 2,
  linkId: 'link1',
  teamId: null,
  ownerId: null,
  title: 'Standup',
  start: '2026-03-27T09:00:00',
  end: '2026-03-27T09:30:00',
  timeZone: 'Europe/Berlin',
  organizer: { name: 'O', email: 'o@example.com' },
  attendees: [],
  description: null,
  recurrence: 'RRULE:FREQ=DAILY',
  overrides: [
    {
      recurrenceId: '2026-03-28T09:00:00',
      cancelled: true,
      start: null,
      end: null,
      title: null,
      description: null,
      sequence: 1,
    },
    {
      recurrenceId: '2026-03-30T09:00:00',
      cancelled: false,
      start: '2026-03-30T11:00:00',
      end: '2026-03-30T11:30:00',
      title: null,
      description: null,
      sequence: 2,
    },
  ],
  status: 'confirmed',
  createdAt: new Date('2026-03-01T00:00:00Z'),
  updatedAt: new Date('2026-03-01T00:00:00Z'),
  cancelledAt: null,
  lastEnd: null,
};

const session = (sid: string, from: string, to: string | null): AttendanceRecord => ({
  sessionId: sid,
  linkId: 'link1',
  identity: `p_${sid}`,
  name: sid,
  joinedAt: new Date(from),
  leftAt: to ? new Date(to) : null,
});

describe('attendance per occurrence', () => {
  const windows = occurrenceWindows(
    event,
    new Date('2026-03-27T00:00:00Z'),
    new Date('2026-04-01T00:00:00Z'),
  );

  it('lists occurrences in UTC across the DST change, skipping cancelled ones and moving moved ones', () => {
    expect(windows.map((w) => [w.recurrenceId, w.start.toISOString()])).toEqual([
      ['2026-03-27T09:00:00', '2026-03-27T08:00:00.000Z'],
      ['2026-03-29T09:00:00', '2026-03-29T07:00:00.000Z'],
      ['2026-03-30T09:00:00', '2026-03-30T09:00:00.000Z'],
      ['2026-03-31T09:00:00', '2026-03-31T07:00:00.000Z'],
    ]);
    expect(windows[2]?.end.toISOString()).toBe('2026-03-30T09:30:00.000Z');
  });

  it('counts each session for the occurrence it overlaps, with a margin, and no other', () => {
    const report = attendanceByOccurrence(
      windows,
      [
        session('early', '2026-03-27T07:40:00Z', '2026-03-27T08:20:00Z'),
        session('moved', '2026-03-30T09:10:00Z', '2026-03-30T09:40:00Z'),
        session('stray', '2026-03-29T12:00:00Z', '2026-03-29T12:10:00Z'),
        session('still-in', '2026-03-31T07:05:00Z', null),
      ],
      new Date('2026-03-31T07:15:00Z'),
    );
    expect(report.map((o) => [o.recurrenceId, o.attendance.map((a) => a.name)])).toEqual([
      ['2026-03-27T09:00:00', ['early']],
      ['2026-03-29T09:00:00', []],
      ['2026-03-30T09:00:00', ['moved']],
      ['2026-03-31T09:00:00', ['still-in']],
    ]);
    expect(report[0]?.attendance[0]?.durationSeconds).toBe(40 * 60);
    expect(report[3]?.attendance[0]).toMatchObject({ leftAt: null, durationSeconds: 600 });
  });

  it('treats a single event as one occurrence', () => {
    const single = { ...event, recurrence: null, overrides: [] };
    expect(
      occurrenceWindows(single, new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z')),
    ).toEqual([
      {
        recurrenceId: '2026-03-27T09:00:00',
        start: new Date('2026-03-27T08:00:00Z'),
        end: new Date('2026-03-27T08:30:00Z'),
      },
    ]);
  });
});
