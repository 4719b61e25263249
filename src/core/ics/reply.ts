/**
 * Reads an iTIP REPLY (RFC 5546 §3.2.3) as Outlook, Google Calendar and Apple Calendar send
 * them: which event (UID, RECURRENCE-ID for one occurrence), who answers (ATTENDEE and its
 * PARTSTAT) and to which version of the invite (SEQUENCE). Never throws: a reply that cannot
 * be read says why.
 */
import { DateTime } from 'luxon';
import { findAll, prop, props, readCalendar } from './reader.js';
import { unescapeText } from './lines.js';

export interface ReplyAnswer {
  email: string;
  partstat: string;
}

export interface ReplyOccurrence {
  /** The RECURRENCE-ID as an instant when it names one (UTC or a zone we know). */
  instant: Date | null;
  /** Its local wall time `yyyy-MM-ddTHH:mm:ss`, for zones we cannot resolve (Outlook's names). */
  local: string;
}

export interface ReplyItem {
  uid: string;
  sequence: number;
  occurrence: ReplyOccurrence | null;
  answers: ReplyAnswer[];
}

export type ReadReply = { ok: true; items: ReplyItem[] } | { ok: false; reason: string };

/** Outlook writes Windows zone names; the common ones, so its RECURRENCE-IDs resolve. */
const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'GMT Standard Time': 'Europe/London',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  UTC: 'UTC',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'India Standard Time': 'Asia/Kolkata',
  'AUS Eastern Standard Time': 'Australia/Sydney',
};

function emailOf(value: string): string | undefined {
  const v = value.trim().replace(/^mailto:/i, '');
  return /^[^\s@<>]+@[^\s@<>]+$/.test(v) ? v.toLowerCase() : undefined;
}

function occurrenceOf(value: string, tzid: string | undefined): ReplyOccurrence | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim());
  if (!m) return null;
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}`;
  if (m[7]) return { instant: DateTime.fromISO(`${local}Z`).toJSDate(), local };
  const zone = tzid ? (WINDOWS_ZONES[tzid] ?? tzid) : undefined;
  const dt = zone ? DateTime.fromISO(local, { zone }) : undefined;
  return { instant: dt?.isValid ? dt.toJSDate() : null, local };
}

export function readReply(text: string): ReadReply {
  return readAnswers(text, true);
}

/**
 * The attendees' answers in any calendar object (a CalDAV server that does scheduling writes
 * them into the organizer's copy); with `reply`, only an iTIP REPLY is accepted.
 */
export function readAnswers(text: string, reply = false): ReadReply {
  const cal = readCalendar(text);
  const vcal = cal.root.children.find((c) => c.name === 'VCALENDAR');
  if (!vcal) return { ok: false, reason: 'malformed: no VCALENDAR' };
  const method = prop(vcal, 'METHOD')?.value.trim().toUpperCase();
  if (reply && method !== 'REPLY') {
    return { ok: false, reason: `not_a_reply: METHOD is ${method ?? 'missing'}` };
  }
  const events = findAll(vcal, 'VEVENT');
  if (events.length === 0) return { ok: false, reason: 'malformed: no VEVENT' };
  const items: ReplyItem[] = [];
  for (const ev of events) {
    const uid = prop(ev, 'UID')?.value.trim();
    if (!uid) return { ok: false, reason: 'malformed: a VEVENT has no UID' };
    const seqText = prop(ev, 'SEQUENCE')?.value.trim() ?? '0';
    if (!/^\d{1,9}$/.test(seqText))
      return { ok: false, reason: 'malformed: SEQUENCE is not a number' };
    const rid = prop(ev, 'RECURRENCE-ID');
    const occurrence = rid ? occurrenceOf(rid.value, rid.params.get('TZID')) : null;
    if (rid && !occurrence) return { ok: false, reason: 'malformed: RECURRENCE-ID is not a date' };
    const answers: ReplyAnswer[] = [];
    for (const a of props(ev, 'ATTENDEE')) {
      // Apple writes the address in EMAIL= as well; the value wins, EMAIL= is the fallback.
      const email = emailOf(unescapeText(a.value)) ?? emailOf(a.params.get('EMAIL') ?? '');
      if (email)
        answers.push({
          email,
          partstat: (a.params.get('PARTSTAT') ?? 'NEEDS-ACTION').toUpperCase(),
        });
    }
    if (answers.length === 0)
      return { ok: false, reason: 'malformed: no ATTENDEE with an address' };
    items.push({ uid, sequence: Number(seqText), occurrence, answers });
  }
  return { ok: true, items };
}
