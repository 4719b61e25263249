/**
 * Invites built per second by core/ics/build.ts against bare ical-generator building the same
 * event (same fields, VTIMEZONE, attendees, alarm) without CONFERENCE, the lowercase mailto and
 * our re-folding. Ratio = ours / bare: the cost of what we add.
 */
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
} from 'ical-generator';
import { DateTime } from 'luxon';
import type { CalendarEvent } from '../src/core/events.js';
import { buildInvite, describe, PRODID } from '../src/core/ics/build.js';
import { vtimezone } from '../src/core/ics/timezones.js';
import type { BenchResult } from './types.js';

const linkUrl = 'https://meet.example.org/j/3wk2td1v894n0ntycnp76ym1h2ym';
const at = new Date('2026-03-01T12:00:00Z');
export const sampleEvent = (i = 0): CalendarEvent => ({
  id: `ev${i}`,
  uid: `ev${i}@meet.example.org`,
  sequence: 2,
  linkId: '3wk2td1v894n0ntycnp76ym1h2ym',
  teamId: null,
  ownerId: null,
  title: `Weekly design review ${i}`,
  start: '2026-03-10T09:00:00',
  end: '2026-03-10T10:00:00',
  timeZone: 'Europe/Berlin',
  organizer: { name: 'Ann Organizer', email: 'ann@example.org' },
  attendees: Array.from({ length: 5 }, (_, k) => ({
    name: `Person ${k}`,
    email: `p${k}@example.org`,
  })),
  description: 'Agenda:\n1. Mockups\n2. Decisions',
  recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=8',
  overrides: [],
  status: 'confirmed',
  createdAt: at,
  updatedAt: at,
  cancelledAt: null,
  lastEnd: null,
});

/** The same event with nothing but ical-generator. */
export function bareInvite(event: CalendarEvent): string {
  const cal = ical({ prodId: PRODID, method: ICalCalendarMethod.REQUEST });
  // The same generator as ours, over the years the bench events use.
  cal.timezone({ name: null, generator: (zone) => vtimezone(zone, 2025, 2028) });
  const d = describe(linkUrl, event.description);
  const e = cal.createEvent({
    id: event.uid,
    sequence: event.sequence,
    stamp: DateTime.fromJSDate(at, { zone: 'utc' }),
    start: DateTime.fromISO(event.start, { zone: event.timeZone }),
    end: DateTime.fromISO(event.end, { zone: event.timeZone }),
    timezone: event.timeZone,
    summary: event.title,
    location: linkUrl,
    url: linkUrl,
    description: d,
    organizer: event.organizer,
    repeating: event.recurrence,
  });
  for (const a of event.attendees) {
    e.createAttendee({
      ...a,
      rsvp: true,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
    });
  }
  e.createAlarm({ type: ICalAlarmType.display, trigger: 600, description: 'Reminder' });
  return cal.toString();
}

/** Runs a and b in alternating slices (the machine is shared and noisy): rate of each, per second. */
export function interleaved(
  a: () => unknown,
  b: () => unknown,
  rounds = 10,
  sliceMs = 300,
): [number, number] {
  for (let i = 0; i < 200; i++) {
    a();
    b();
  }
  const count = [0, 0];
  const time = [0, 0];
  for (let r = 0; r < rounds; r++) {
    [a, b].forEach((fn, k) => {
      const t0 = performance.now();
      let n = 0;
      while (performance.now() - t0 < sliceMs) {
        for (let i = 0; i < 20; i++) fn();
        n += 20;
      }
      count[k]! += n;
      time[k]! += performance.now() - t0;
    });
  }
  return [(count[0]! / time[0]!) * 1000, (count[1]! / time[1]!) * 1000];
}

export default async function (): Promise<BenchResult[]> {
  const event = sampleEvent();
  const [ours, bare] = interleaved(
    () => buildInvite({ event, linkUrl }, { method: 'REQUEST', stamp: at }),
    () => bareInvite(event),
  );
  return [
    {
      name: 'invites built/s (baseline: bare ical-generator; ratio ours/bare, higher is better)',
      value: ours,
      unit: 'invites/s',
      baseline: bare,
      ratio: ours / bare,
    },
  ];
}
