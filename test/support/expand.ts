/**
 * Expands the recurring VEVENTs of a calendar into UTC instants with independent readers:
 * ical.js (in process) and python3-icalendar with recurring_ical_events (Debian packages),
 * so the dates the page shows can be checked against what calendars will make of an invite.
 */
import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';

/** UTC ISO starts per UID, master and overrides merged (RECURRENCE-ID replaces, EXDATE removes). */
export function expandWithIcalJs(text: string, max = 2000): Map<string, string[]> {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  }
  const byUid = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Component[] = [];
  for (const v of comp.getAllSubcomponents('vevent')) {
    if (v.hasProperty('recurrence-id')) exceptions.push(v);
    else byUid.set(String(v.getFirstPropertyValue('uid')), new ICAL.Event(v));
  }
  for (const ex of exceptions) {
    byUid.get(String(ex.getFirstPropertyValue('uid')))?.relateException(ex);
  }
  const out = new Map<string, string[]>();
  for (const [uid, event] of byUid) {
    const starts: string[] = [];
    if (!event.isRecurring()) {
      starts.push(event.startDate.toJSDate().toISOString());
    } else {
      const it = event.iterator();
      for (let next = it.next(); next && starts.length < max; next = it.next()) {
        const details = event.getOccurrenceDetails(next);
        if (details.item.component.getFirstPropertyValue('status') === 'CANCELLED') continue;
        starts.push(details.startDate.toJSDate().toISOString());
      }
    }
    out.set(uid, starts);
  }
  return out;
}

const SCRIPT = `
import json, sys, datetime
import icalendar, recurring_ical_events
cal = icalendar.Calendar.from_ical(sys.stdin.read())
out = {}
for e in recurring_ical_events.of(cal).between(datetime.datetime(1970,1,1,tzinfo=datetime.timezone.utc), datetime.datetime(2100,1,1,tzinfo=datetime.timezone.utc)):
    if str(e.get('STATUS', '')) == 'CANCELLED':
        continue
    out.setdefault(str(e.get('UID')), []).append(e.get('DTSTART').dt.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.000Z'))
for k in out: out[k].sort()
print(json.dumps(out))
`;

/** The same with python3-icalendar + python3-recurring-ical-events; fails loudly if missing. */
export function expandWithPython(text: string): Map<string, string[]> {
  const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT], {
    input: text,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    throw new Error(
      `python3-icalendar/recurring_ical_events could not expand the calendar (install Debian's python3-icalendar and python3-recurring-ical-events): ${r.error?.message ?? r.stderr}`,
    );
  }
  return new Map(Object.entries(JSON.parse(r.stdout) as Record<string, string[]>));
}
