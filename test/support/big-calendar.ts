/**
 * A large, realistic calendar for the import bench and the progress-bar test: Outlook-like events with a VTIMEZONE,
 * folded descriptions, attendees, alarms, some series with a moved occurrence.
 */
export function generateCalendar(events: number): string {
  const out: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//callink bench//EN',
    'X-WR-CALNAME:Bench',
    'BEGIN:VTIMEZONE',
    'TZID:W. Europe Standard Time',
    'BEGIN:STANDARD',
    'DTSTART:16010101T030000',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
    'END:STANDARD',
    'BEGIN:DAYLIGHT',
    'DTSTART:16010101T020000',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
    'END:DAYLIGHT',
    'END:VTIMEZONE',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < events; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 8) * 86_400_000);
    const date = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1)}${pad(day.getUTCDate())}`;
    const hour = pad(8 + (i % 8));
    const series = i % 10 === 0;
    const moved = i % 10 === 1;
    const uid = moved ? `evt-${i - 1}@bench.example` : `evt-${i}@bench.example`;
    out.push(
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'DTSTAMP:20260101T000000Z',
      ...(moved ? [`RECURRENCE-ID;TZID=W. Europe Standard Time:${date}T${hour}0000`] : []),
      `DTSTART;TZID=W. Europe Standard Time:${date}T${hour}0000`,
      `DTEND;TZID=W. Europe Standard Time:${date}T${hour}4500`,
      ...(series ? ['RRULE:FREQ=WEEKLY;COUNT=20'] : []),
      `SUMMARY:Project review ${i}`,
      `LOCATION:Building ${i % 7}\\, room ${i % 40}`,
      'DESCRIPTION:Agenda:\\n1. Status since last time\\n2. Risks and open questions\\',
      ' n3. Next steps\\, owners and dates',
      'ORGANIZER;CN=Ann Organizer:mailto:ann@example.org',
      'ATTENDEE;CN=Bob;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.org',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:Reminder',
      'TRIGGER:-PT15M',
      'END:VALARM',
      'END:VEVENT',
    );
  }
  out.push('END:VCALENDAR', '');
  return out.join('\r\n');
}
