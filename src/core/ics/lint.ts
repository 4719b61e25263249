/**
 * Invite lint: what would make Outlook, Google Calendar or Apple Calendar mishandle a
 * calendar file or invite. Reads with its own forgiving reader (never throws, never trusts
 * UIDs as object keys), so it can run over anything people send.
 */
import { findAll, prop, props, readCalendar, type Component } from './reader.js';

export type Severity = 'error' | 'warning';

export interface LintProblem {
  kind: string;
  severity: Severity;
  message: string;
  line?: number;
  uid?: string;
}

export interface LintReport {
  ok: boolean;
  method: string | null;
  events: number;
  /** The first MAX_PROBLEMS problems found. */
  problems: LintProblem[];
  /** How many more problems there were beyond MAX_PROBLEMS. */
  omitted?: number;
}

/** Most problems one report lists. */
export const MAX_PROBLEMS = 100;

export interface LintOptions {
  /** The `method=` parameter of the MIME type the file came with, if any. */
  mimeMethod?: string | undefined;
  /** Earlier messages about the same events, oldest first (to check SEQUENCE and CANCEL UIDs). */
  previous?: string[];
}

/** UIDs that break parsers keying objects by UID (node-ical 0.26: pollution or a crash). */
const DANGEROUS_UIDS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'tostring',
  'valueof',
  'hasownproperty',
  '__definegetter__',
  '__definesetter__',
  '__lookupgetter__',
  '__lookupsetter__',
  'isprototypeof',
  'propertyisenumerable',
  'tolocalestring',
]);
const ZONED = ['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE'];

export function isDangerousUid(uid: string): boolean {
  return DANGEROUS_UIDS.has(uid.trim().toLowerCase());
}

interface EventFacts {
  uid: string;
  recurrenceId: string;
  sequence: number;
  fingerprint: string;
}

function eventFacts(vevent: Component): EventFacts {
  const pick = (n: string) => prop(vevent, n)?.value ?? '';
  const seq = Number.parseInt(pick('SEQUENCE') || '0', 10);
  return {
    uid: pick('UID'),
    recurrenceId: pick('RECURRENCE-ID'),
    sequence: Number.isFinite(seq) ? seq : 0,
    fingerprint: ['DTSTART', 'DTEND', 'RRULE', 'SUMMARY', 'LOCATION', 'STATUS']
      .map(pick)
      .join('\u0000'),
  };
}

function timeKind(value: string): 'date' | 'utc' | 'local' | 'bad' {
  if (/^\d{8}$/.test(value)) return 'date';
  if (/^\d{8}T\d{6}Z$/.test(value)) return 'utc';
  if (/^\d{8}T\d{6}$/.test(value)) return 'local';
  return 'bad';
}

export function lintCalendar(text: string, options: LintOptions = {}): LintReport {
  const problems: LintProblem[] = [];
  const add = (p: LintProblem) => problems.push(p);
  const read = readCalendar(text);
  const cal = read.root.children.find((c) => c.name === 'VCALENDAR');
  if (!cal) {
    add({
      kind: 'not_icalendar',
      severity: 'error',
      message: 'This is not an iCalendar file (no BEGIN:VCALENDAR).',
    });
    return { ok: false, method: null, events: 0, problems };
  }
  for (const s of read.syntax.slice(0, 20))
    add({ kind: 'syntax', severity: 'error', message: s.message, line: s.line });
  if (read.bareLf) {
    add({
      kind: 'bare_lf',
      severity: 'warning',
      message: 'Lines end in LF instead of CRLF; strict parsers (Outlook) may reject the file.',
    });
  }
  if (read.longLines.length > 0) {
    add({
      kind: 'line_too_long',
      severity: 'warning',
      message: `${read.longLines.length} line(s) are longer than 75 octets and not folded.`,
      line: read.longLines[0],
    });
  }
  if (!prop(cal, 'VERSION'))
    add({ kind: 'missing_version', severity: 'error', message: 'VERSION:2.0 is missing.' });
  if (!prop(cal, 'PRODID'))
    add({ kind: 'missing_prodid', severity: 'warning', message: 'PRODID is missing.' });

  const method = prop(cal, 'METHOD')?.value.trim().toUpperCase() ?? null;
  const events = findAll(cal, 'VEVENT');
  const zones = new Set(findAll(cal, 'VTIMEZONE').map((z) => prop(z, 'TZID')?.value ?? ''));
  // Attendees make it an invitation; an ORGANIZER alone is normal in published calendars.
  const isInvite = events.some((e) => prop(e, 'ATTENDEE'));

  if (options.mimeMethod && options.mimeMethod.toUpperCase() !== (method ?? '')) {
    add({
      kind: 'method_mismatch',
      severity: 'error',
      message: `The MIME type says method=${options.mimeMethod} but the file says METHOD:${method ?? '(none)'}; clients then ignore it.`,
    });
  }
  if (!method && isInvite) {
    add({
      kind: 'missing_method',
      severity: 'error',
      message:
        'Events have ATTENDEEs but there is no METHOD: Outlook and Gmail show a plain import, not an invitation.',
    });
  }
  if (method === 'PUBLISH' && events.some((e) => prop(e, 'ATTENDEE'))) {
    add({
      kind: 'publish_with_attendees',
      severity: 'warning',
      message:
        'METHOD:PUBLISH with ATTENDEEs: updates make duplicates in Google and are ignored by Exchange; use REQUEST.',
    });
  }

  const seen = new Set<string>();
  for (const e of events) lintEvent(e, { method, zones, seen, add });
  if (options.previous?.length) crossCheck(events, method, options.previous, add);
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    method,
    events: events.length,
    // A file with thousands of broken events would otherwise get an answer ten times its size.
    problems: problems.slice(0, MAX_PROBLEMS),
    ...(problems.length > MAX_PROBLEMS ? { omitted: problems.length - MAX_PROBLEMS } : {}),
  };
}

function lintEvent(
  e: Component,
  ctx: {
    method: string | null;
    zones: Set<string>;
    seen: Set<string>;
    add: (p: LintProblem) => void;
  },
): void {
  const { method, add } = ctx;
  const uidProp = prop(e, 'UID');
  const uid = uidProp?.value ?? '';
  const at = { line: e.line, ...(uid ? { uid } : {}) };
  if (!uid)
    add({
      kind: 'missing_uid',
      severity: 'error',
      message: 'A VEVENT has no UID; updates and cancels cannot find it.',
      ...at,
    });
  else if (isDangerousUid(uid)) {
    add({
      kind: 'dangerous_uid',
      severity: 'error',
      message: `UID "${uid}" breaks parsers that key events by UID.`,
      ...at,
    });
  }
  const key = `${uid}\u0000${prop(e, 'RECURRENCE-ID')?.value ?? ''}`;
  if (uid && ctx.seen.has(key)) {
    add({
      kind: 'duplicate_uid',
      severity: 'error',
      message: `Two VEVENTs share UID ${uid} and RECURRENCE-ID.`,
      ...at,
    });
  }
  ctx.seen.add(key);
  const stamp = prop(e, 'DTSTAMP');
  if (!stamp)
    add({ kind: 'missing_dtstamp', severity: 'error', message: 'DTSTAMP is missing.', ...at });
  else if (timeKind(stamp.value) !== 'utc') {
    add({
      kind: 'dtstamp_not_utc',
      severity: 'error',
      message: 'DTSTAMP must be in UTC (ending in Z).',
      ...at,
      line: stamp.line,
    });
  }
  const start = prop(e, 'DTSTART');
  if (!start)
    add({ kind: 'missing_dtstart', severity: 'error', message: 'DTSTART is missing.', ...at });

  for (const p of e.props) {
    const tzid = p.params.get('TZID');
    if (ZONED.includes(p.name) && tzid !== undefined && !ctx.zones.has(tzid)) {
      add({
        kind: 'missing_vtimezone',
        severity: 'error',
        message: `TZID "${tzid}" has no VTIMEZONE in the file: Outlook shows the time wrong.`,
        ...at,
        line: p.line,
      });
    }
  }
  const end = prop(e, 'DTEND');
  if (
    start &&
    end &&
    (start.params.get('TZID') ?? '') === (end.params.get('TZID') ?? '') &&
    end.value < start.value &&
    timeKind(end.value) === timeKind(start.value)
  ) {
    add({
      kind: 'end_before_start',
      severity: 'error',
      message: 'DTEND is before DTSTART.',
      ...at,
      line: end.line,
    });
  }
  const startKind = start ? timeKind(start.value) : 'bad';
  for (const rrule of props(e, 'RRULE')) {
    const until = /(?:^|;)UNTIL=([^;]+)/i.exec(rrule.value)?.[1];
    if (!until) continue;
    if (startKind === 'date' && timeKind(until) !== 'date') {
      add({
        kind: 'until_mismatch',
        severity: 'warning',
        message: 'UNTIL should be a DATE when DTSTART is a DATE.',
        ...at,
        line: rrule.line,
      });
    } else if ((startKind === 'utc' || start?.params.has('TZID')) && timeKind(until) !== 'utc') {
      add({
        kind: 'until_not_utc',
        severity: 'error',
        message: 'UNTIL must be in UTC when DTSTART has a time zone.',
        ...at,
        line: rrule.line,
      });
    }
  }
  for (const ex of props(e, 'EXDATE')) {
    const first = ex.value.split(',')[0] ?? '';
    const kind = timeKind(first);
    const sameZone = (ex.params.get('TZID') ?? '') === (start?.params.get('TZID') ?? '');
    if (
      start &&
      (kind === 'date') !== (startKind === 'date' || start.params.get('VALUE') === 'DATE')
    ) {
      add({
        kind: 'exdate_mismatch',
        severity: 'warning',
        message:
          'EXDATE is not the same type as DTSTART (DATE vs DATE-TIME); the occurrence stays.',
        ...at,
        line: ex.line,
      });
    } else if (start && kind !== 'date' && !sameZone && kind !== 'utc') {
      add({
        kind: 'exdate_mismatch',
        severity: 'warning',
        message: 'EXDATE is in another zone than DTSTART; some clients keep the occurrence.',
        ...at,
        line: ex.line,
      });
    }
  }

  if (method === 'REQUEST' || method === 'CANCEL') {
    const organizers = props(e, 'ORGANIZER');
    if (organizers.length === 0)
      add({
        kind: 'missing_organizer',
        severity: 'error',
        message: `METHOD:${method} needs an ORGANIZER.`,
        ...at,
      });
    if (organizers.length > 1)
      add({
        kind: 'multiple_organizers',
        severity: 'error',
        message: 'More than one ORGANIZER.',
        ...at,
      });
    const attendees = props(e, 'ATTENDEE');
    if (attendees.length === 0) {
      add({
        kind: 'missing_attendees',
        severity: 'error',
        message: 'No ATTENDEE: Gmail ignores recipients who are not attendees.',
        ...at,
      });
    }
    for (const a of attendees) {
      if (!/^mailto:/i.test(a.value)) {
        add({
          kind: 'attendee_not_mailto',
          severity: 'warning',
          message: 'ATTENDEE should be a mailto: address.',
          ...at,
          line: a.line,
        });
      }
    }
    if (!prop(e, 'SEQUENCE')) {
      add({
        kind: 'missing_sequence',
        severity: 'warning',
        message: 'SEQUENCE is missing; Outlook may ignore later updates.',
        ...at,
      });
    }
    const status = prop(e, 'STATUS')?.value.toUpperCase();
    if (method === 'CANCEL' && status !== 'CANCELLED') {
      add({
        kind: 'cancel_without_status',
        severity: 'warning',
        message: 'METHOD:CANCEL without STATUS:CANCELLED.',
        ...at,
      });
    }
    if (method === 'REQUEST' && status === 'CANCELLED') {
      add({
        kind: 'cancel_as_request',
        severity: 'error',
        message:
          'A cancel sent as REQUEST + STATUS:CANCELLED leaves the event in calendars; use METHOD:CANCEL.',
        ...at,
      });
    }
  }
}

function crossCheck(
  events: Component[],
  method: string | null,
  previous: string[],
  add: (p: LintProblem) => void,
): void {
  const known = new Map<string, EventFacts>();
  const uids = new Set<string>();
  for (const text of previous) {
    const cal = readCalendar(text).root.children.find((c) => c.name === 'VCALENDAR');
    for (const e of cal ? findAll(cal, 'VEVENT') : []) {
      const f = eventFacts(e);
      uids.add(f.uid);
      const key = `${f.uid}\u0000${f.recurrenceId}`;
      const old = known.get(key);
      if (!old || f.sequence >= old.sequence) known.set(key, f);
    }
  }
  for (const e of events) {
    const f = eventFacts(e);
    const at = { line: e.line, uid: f.uid };
    if (method === 'CANCEL' && !uids.has(f.uid)) {
      add({
        kind: 'cancel_unknown_uid',
        severity: 'error',
        message: 'This CANCEL has a UID no earlier invite used; nothing gets cancelled.',
        ...at,
      });
    }
    const old = known.get(`${f.uid}\u0000${f.recurrenceId}`) ?? known.get(`${f.uid}\u0000`);
    if (!old) continue;
    if (f.sequence < old.sequence) {
      add({
        kind: 'sequence_decreased',
        severity: 'error',
        message: `SEQUENCE went down from ${old.sequence} to ${f.sequence}; clients ignore this message.`,
        ...at,
      });
    } else if (
      f.sequence === old.sequence &&
      f.fingerprint !== old.fingerprint &&
      f.recurrenceId === old.recurrenceId
    ) {
      add({
        kind: 'sequence_not_raised',
        severity: 'error',
        message: 'The event changed but SEQUENCE did not rise; Outlook keeps the old version.',
        ...at,
      });
    }
  }
}
