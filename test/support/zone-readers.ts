/**
 * Time as other calendars read it: UTC offsets a VTIMEZONE implies, and the occurrences of a
 * calendar (UTC instants, or dates for all-day events), through libical 3 (Evolution/GNOME, via
 * python3-gi; like Outlook and Apple it trusts the file's VTIMEZONE) and python3-icalendar with
 * recurring_ical_events (which trusts its own tzdata for names it knows). One python process per
 * call, for a whole batch, so a sweep over every zone stays fast.
 */
import { spawnSync } from 'node:child_process';

const SCRIPT = String.raw`
import json, sys, datetime
import gi
gi.require_version('ICalGLib', '3.0')
from gi.repository import ICalGLib
import icalendar, recurring_ical_events

job = json.load(sys.stdin)
UTC = ICalGLib.Timezone.get_utc_timezone()
utc = datetime.timezone.utc

def steps(values):
    out, last = [], None
    for i, v in enumerate(values):
        if v != last:
            out.append([i, v])
            last = v
    return out

def offsets_libical(text, start, hours):
    cal = ICalGLib.Component.new_from_string(text)
    vtz = cal.get_first_component(ICalGLib.ComponentKind.VTIMEZONE_COMPONENT)
    tz = ICalGLib.Timezone.new()
    tz.set_component(vtz.clone())
    vals = []
    for h in range(hours):
        tt = ICalGLib.Time.new_from_timet_with_zone(start + h * 3600, 0, UTC)
        vals.append(tz.get_utc_offset_of_utc_time(tt)[0])
    return steps(vals)

def offsets_python(text, start, hours):
    # to_tz() builds a pytz zone from the component: its transition table is python's reading,
    # turned into the same hour steps hourly sampling would give (an offset from a change on).
    z = icalendar.Calendar.from_ical(text).walk('VTIMEZONE')[0].to_tz()
    times = getattr(z, '_utc_transition_times', None)
    if times is None:
        d = datetime.datetime.fromtimestamp(start, utc).astimezone(z)
        return [[0, int(d.utcoffset().total_seconds())]]
    info = z._transition_info
    vals, out = {}, []
    first = datetime.datetime.fromtimestamp(start, utc).astimezone(z)
    out.append([0, int(first.utcoffset().total_seconds())])
    for t, (off, _dst, _name) in zip(times, info):
        at = t.replace(tzinfo=utc).timestamp()
        h = int(-(-(at - start) // 3600))
        if 0 < h < hours:
            o = int(off.total_seconds())
            if out[-1][0] == h:
                out[-1][1] = o
            elif out[-1][1] != o:
                out.append([h, o])
    return out

def show_libical(tt):
    if tt.is_date():
        return '%04d-%02d-%02d' % (tt.get_year(), tt.get_month(), tt.get_day())
    z = tt.get_timezone()
    return datetime.datetime.fromtimestamp(tt.as_timet_with_zone(z if z else UTC), utc).strftime('%Y-%m-%dT%H:%M:%SZ')

def show_stamp(t, is_date):
    d = datetime.datetime.fromtimestamp(t, utc)
    return d.strftime('%Y-%m-%d') if is_date else d.strftime('%Y-%m-%dT%H:%M:%SZ')

def zoned(cal, prop, tt):
    tzid = prop.get_parameter_as_string('TZID') if prop is not None else None
    if tzid and not tt.is_date():
        tt.set_timezone(cal.get_timezone(tzid))
    return tt

def stamp(tt):
    z = tt.get_timezone()
    return tt.as_timet_with_zone(z if z else UTC)

def expand_libical(cal, ev, start, end):
    # libical's own rule iterator in local time, each instance through the file's VTIMEZONE, as
    # Evolution does (icalcomponent_foreach_recurrence steps in UTC and drifts across DST).
    dtstart = ev.get_dtstart()
    first = stamp(dtstart)
    length = stamp(ev.get_dtend()) - first
    rprop = ev.get_first_property(ICalGLib.PropertyKind.RRULE_PROPERTY)
    if rprop is None:
        return [(first, first + length)] if start <= first <= end else []
    excluded = set()
    x = ev.get_first_property(ICalGLib.PropertyKind.EXDATE_PROPERTY)
    while x is not None:
        excluded.add(stamp(zoned(cal, x, x.get_exdate())))
        x = ev.get_next_property(ICalGLib.PropertyKind.EXDATE_PROPERTY)
    it = ICalGLib.RecurIterator.new(rprop.get_rrule(), dtstart)
    spans = []
    while True:
        t = it.next()
        if t is None or t.is_null_time():
            break
        if not t.is_date():
            t.set_timezone(dtstart.get_timezone())
        a = stamp(t)
        if a > end:
            break
        if a >= start and a not in excluded:
            spans.append((a, a + length))
    return spans

def occurrences_libical(text, start, end):
    cal = ICalGLib.Component.new_from_string(text)
    s = ICalGLib.Time.new_from_timet_with_zone(start, 0, UTC)
    e = ICalGLib.Time.new_from_timet_with_zone(end, 0, UTC)
    out, moved = [], {}
    ev = cal.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    events = []
    while ev is not None:
        events.append(ev)
        ev = cal.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    for ev in events:
        rid = ev.get_first_property(ICalGLib.PropertyKind.RECURRENCEID_PROPERTY)
        if rid is not None:
            # get_recurrenceid() leaves the TZID unresolved: look the zone up in the calendar.
            tt = ev.get_recurrenceid()
            tzid = rid.get_parameter_as_string('TZID')
            if tzid and not tt.is_date():
                tt.set_timezone(cal.get_timezone(tzid))
            moved[(ev.get_uid(), show_libical(tt))] = ev
    for ev in events:
        if ev.get_first_property(ICalGLib.PropertyKind.RECURRENCEID_PROPERTY) is not None:
            continue
        uid = ev.get_uid()
        is_date = ev.get_dtstart().is_date()
        spans = expand_libical(cal, ev, start, end)
        for a, b in spans:
            key = (uid, show_stamp(a, is_date))
            o = moved.pop(key, None)
            if o is not None:
                out.append({'uid': uid, 'start': show_libical(o.get_dtstart()), 'end': show_libical(o.get_dtend()), 'moved': True})
            else:
                out.append({'uid': uid, 'start': show_stamp(a, is_date), 'end': show_stamp(b, is_date)})
    errors = []
    p = cal.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    if p is not None:
        errors.append(p.as_ical_string())
    for ev in events:
        p = ev.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
        if p is not None:
            errors.append(p.as_ical_string())
    return {'occurrences': out, 'errors': errors, 'unmatched': [list(k) for k in moved]}

def show_py(v):
    if isinstance(v, datetime.datetime):
        return v.astimezone(utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    return v.isoformat()

def occurrences_python(text, start, end):
    cal = icalendar.Calendar.from_ical(text)
    a = datetime.datetime.fromtimestamp(start, utc)
    b = datetime.datetime.fromtimestamp(end, utc)
    out = []
    for ev in recurring_ical_events.of(cal).between(a, b):
        out.append({'uid': str(ev.get('UID')), 'start': show_py(ev['DTSTART'].dt), 'end': show_py(ev['DTEND'].dt)})
    return {'occurrences': out, 'errors': [], 'unmatched': []}

kind = job['kind']
result = []
for item in job['items']:
    if kind == 'offsets':
        f = offsets_libical if job['reader'] == 'libical' else offsets_python
        result.append(f(item['text'], item['start'], item['hours']))
    else:
        f = occurrences_libical if job['reader'] == 'libical' else occurrences_python
        result.append(f(item['text'], item['start'], item['end']))
print(json.dumps(result))
`;

export type Reader = 'libical' | 'python';

function run<T>(job: object): T {
  const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    throw new Error(
      `libical/python3-icalendar could not read the calendars (install Debian's gir1.2-ical-3.0, python3-gi, python3-icalendar and python3-recurring-ical-events): ${r.error?.message ?? r.stderr}`,
    );
  }
  return JSON.parse(r.stdout) as T;
}

/** [hour index, offset seconds] at each change, for every hour from `start` (epoch s). */
export type OffsetSteps = [number, number][];

/** The offsets each calendar's (first) VTIMEZONE implies at every hour, read by `reader`. */
export function readOffsets(
  reader: Reader,
  items: { text: string; start: number; hours: number }[],
): OffsetSteps[] {
  return run<OffsetSteps[]>({ kind: 'offsets', reader, items });
}

export interface ReadOccurrence {
  uid: string;
  /** `…Z` UTC instant, or a date for all-day events. */
  start: string;
  end: string;
  moved?: boolean;
}

export interface ReadOccurrences {
  occurrences: ReadOccurrence[];
  /** X-LIC-ERROR properties libical added. */
  errors: string[];
  /** Overrides whose RECURRENCE-ID matched no occurrence. */
  unmatched: string[][];
}

/** Occurrences in [start, end] (epoch s): libical's own expansion, or recurring_ical_events. */
export function readOccurrences(
  reader: Reader,
  items: { text: string; start: number; end: number }[],
): ReadOccurrences[] {
  return run<ReadOccurrences[]>({ kind: 'occurrences', reader, items });
}
