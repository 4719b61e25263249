/**
 * Reads our iCalendar output back with two independent parsers: Mozilla's ical.js (in process)
 * and Debian's python3-icalendar (/usr/bin/python3, not the pyenv one on PATH).
 */
import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';

export interface ReadEvent {
  uid: string;
  sequence: number;
  summary: string;
  start: string;
  tzid: string | null;
  status: string | null;
  recurrenceId: string | null;
  location: string | null;
  url: string | null;
  conference: string | null;
  attendees: string[];
  organizer: string | null;
  rrule: string | null;
}

export interface ReadCalendar {
  method: string | null;
  timezones: string[];
  events: ReadEvent[];
}

export function readWithIcalJs(text: string): ReadCalendar {
  const comp = new ICAL.Component(ICAL.parse(text));
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    method: str(comp.getFirstPropertyValue('method')),
    timezones: comp
      .getAllSubcomponents('vtimezone')
      .map((z) => String(z.getFirstPropertyValue('tzid'))),
    events: comp.getAllSubcomponents('vevent').map((e) => {
      const start = e.getFirstProperty('dtstart');
      return {
        uid: String(e.getFirstPropertyValue('uid')),
        sequence: Number(e.getFirstPropertyValue('sequence') ?? 0),
        summary: String(e.getFirstPropertyValue('summary') ?? ''),
        start: String(start?.getFirstValue()),
        tzid: str(start?.getParameter('tzid')),
        status: str(e.getFirstPropertyValue('status')),
        recurrenceId: str(e.getFirstPropertyValue('recurrence-id')),
        location: str(e.getFirstPropertyValue('location')),
        url: str(e.getFirstPropertyValue('url')),
        conference: str(e.getFirstPropertyValue('conference')),
        attendees: e.getAllProperties('attendee').map((a) => String(a.getFirstValue())),
        organizer: str(e.getFirstPropertyValue('organizer')),
        rrule: str(e.getFirstPropertyValue('rrule')),
      };
    }),
  };
}

const SCRIPT = `
import json, sys
import icalendar
out = []
for text in json.load(sys.stdin):
    cal = icalendar.Calendar.from_ical(text)
    evs = []
    for e in cal.walk('VEVENT'):
        dt = e.get('DTSTART')
        rid = e.get('RECURRENCE-ID')
        evs.append({
            'uid': str(e.get('UID')),
            'sequence': int(e.get('SEQUENCE', 0)),
            'summary': str(e.get('SUMMARY', '')),
            'start': dt.dt.isoformat() if dt is not None else None,
            'tzid': dt.params.get('TZID') if dt is not None else None,
            'status': str(e.get('STATUS')) if e.get('STATUS') is not None else None,
            'recurrenceId': rid.dt.isoformat() if rid is not None else None,
            'location': str(e.get('LOCATION')) if e.get('LOCATION') is not None else None,
            'url': str(e.get('URL')) if e.get('URL') is not None else None,
            'conference': str(e.get('CONFERENCE')) if e.get('CONFERENCE') is not None else None,
            'attendees': [str(a) for a in (e.get('ATTENDEE') if isinstance(e.get('ATTENDEE'), list) else ([e.get('ATTENDEE')] if e.get('ATTENDEE') is not None else []))],
            'organizer': str(e.get('ORGANIZER')) if e.get('ORGANIZER') is not None else None,
            'rrule': e.get('RRULE').to_ical().decode() if e.get('RRULE') is not None else None,
        })
    out.append({
        'method': str(cal.get('METHOD')) if cal.get('METHOD') is not None else None,
        'timezones': [str(z.get('TZID')) for z in cal.walk('VTIMEZONE')],
        'events': evs,
        'errors': [str(c.errors) for c in cal.walk() if getattr(c, 'errors', None)],
    })
print(json.dumps(out))
`;

/** Parses each text with python3-icalendar; fails loudly if it is not installed. */
export function readWithPython(texts: string[]): (ReadCalendar & { errors: string[] })[] {
  const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    throw new Error(
      `python3-icalendar could not read the calendar (install Debian's python3-icalendar): ${r.error?.message ?? r.stderr}`,
    );
  }
  return JSON.parse(r.stdout) as (ReadCalendar & { errors: string[] })[];
}
