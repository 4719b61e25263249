/**
 * Who said yes, who came: per occurrence, every invitee with their answer (their own for that
 * occurrence, else the series') and their sessions in the call; plus the people who joined
 * without a personal link (by display name). Hosts are counted apart, as they run the call.
 */
import type { AttendanceRecord } from './attendance.js';
import type { CalendarEvent } from './events.js';
import type { OccurrenceWindow } from './occurrence-attendance.js';
import { OCCURRENCE_MARGIN_MS } from './occurrence-attendance.js';
import { rsvpFor, type Rsvp, type RsvpRecord, type RsvpSource } from './rsvp.js';

export interface InviteeLine {
  email: string;
  name: string;
  rsvp: Rsvp | 'none';
  answeredAt: string | null;
  source: RsvpSource | null;
  joined: boolean;
  firstJoinAt: string | null;
  minutes: number;
}

export interface GuestLine {
  name: string;
  firstJoinAt: string;
  minutes: number;
}

export interface ReportSummary {
  invited: number;
  accepted: number;
  tentative: number;
  declined: number;
  none: number;
  came: number;
  /** Said yes and did not come. */
  noShow: number;
  uninvited: number;
}

export interface OccurrenceReport {
  recurrenceId: string;
  start: string;
  end: string;
  summary: ReportSummary;
  invitees: InviteeLine[];
  uninvited: GuestLine[];
  hosts: GuestLine[];
}

function minutesOf(records: readonly AttendanceRecord[], now: Date): number {
  const ms = records.reduce(
    (sum, r) => sum + Math.max(0, (r.leftAt ?? now).getTime() - r.joinedAt.getTime()),
    0,
  );
  return Math.round(ms / 60_000);
}

function firstJoin(records: readonly AttendanceRecord[]): string | null {
  const first = records.reduce<Date | null>(
    (min, r) => (min === null || r.joinedAt < min ? r.joinedAt : min),
    null,
  );
  return first ? first.toISOString() : null;
}

/** Groups sessions by key, keeping the order of first appearance. */
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * One occurrence's report. `emailOfIdentity` says which invitee a call identity belongs to
 * (undefined: not a personal link).
 */
export function occurrenceReport(
  event: CalendarEvent,
  window: OccurrenceWindow,
  rsvps: readonly RsvpRecord[],
  sessions: readonly AttendanceRecord[],
  emailOfIdentity: (identity: string) => string | undefined,
  now: Date,
): OccurrenceReport {
  const from = window.start.getTime() - OCCURRENCE_MARGIN_MS;
  const to = window.end.getTime() + OCCURRENCE_MARGIN_MS;
  const inside = sessions.filter(
    (r) => r.joinedAt.getTime() < to && (r.leftAt ?? now).getTime() >= from,
  );
  const byEmail = groupBy(
    inside.filter((r) => emailOfIdentity(r.identity) !== undefined),
    (r) => emailOfIdentity(r.identity) ?? '',
  );
  const invitees: InviteeLine[] = event.attendees.map((a) => {
    const answer = rsvpFor(rsvps, a.email, window.recurrenceId);
    const mine = byEmail.get(a.email) ?? [];
    return {
      email: a.email,
      name: a.name,
      rsvp: answer?.rsvp ?? 'none',
      answeredAt: answer ? answer.answeredAt.toISOString() : null,
      source: answer?.source ?? null,
      joined: mine.length > 0,
      firstJoinAt: firstJoin(mine),
      minutes: minutesOf(mine, now),
    };
  });
  const invitedEmails = new Set(event.attendees.map((a) => a.email));
  const others = inside.filter((r) => {
    const email = emailOfIdentity(r.identity);
    return email === undefined || !invitedEmails.has(email);
  });
  const lines = (records: AttendanceRecord[]): GuestLine[] =>
    [...groupBy(records, (r) => r.identity).values()].map((rs) => ({
      name: rs[0]?.name ?? '',
      firstJoinAt: firstJoin(rs) ?? '',
      minutes: minutesOf(rs, now),
    }));
  const uninvited = lines(others.filter((r) => !r.identity.startsWith('h_')));
  const hosts = lines(others.filter((r) => r.identity.startsWith('h_')));
  const count = (p: (l: InviteeLine) => boolean) => invitees.filter(p).length;
  return {
    recurrenceId: window.recurrenceId,
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    summary: {
      invited: invitees.length,
      accepted: count((l) => l.rsvp === 'accepted'),
      tentative: count((l) => l.rsvp === 'tentative'),
      declined: count((l) => l.rsvp === 'declined'),
      none: count((l) => l.rsvp === 'none'),
      came: count((l) => l.joined),
      noShow: count((l) => l.rsvp === 'accepted' && !l.joined),
      uninvited: uninvited.length,
    },
    invitees,
    uninvited,
    hosts,
  };
}

/** "5 accepted · 4 came · 1 no-show · 2 uninvited guests", as the organizer page shows it. */
export function summaryLine(s: ReportSummary): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [`${s.accepted} accepted`];
  if (s.tentative > 0) parts.push(`${s.tentative} maybe`);
  if (s.declined > 0) parts.push(`${s.declined} declined`);
  parts.push(`${s.came} came`, `${s.noShow} no-show`);
  parts.push(plural(s.uninvited, 'uninvited guest', 'uninvited guests'));
  return parts.join(' · ');
}

const CSV_HEAD = [
  'occurrence_start',
  'kind',
  'name',
  'email',
  'rsvp',
  'answered_at',
  'joined',
  'first_join_at',
  'minutes',
];

/** Quotes a CSV cell and defuses spreadsheet formulas (=, +, -, @ at the start). */
function cell(value: string | number | boolean | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportCsv(reports: readonly OccurrenceReport[]): string {
  const rows: (string | number | boolean | null)[][] = [CSV_HEAD];
  for (const r of reports) {
    for (const i of r.invitees) {
      rows.push([
        r.start,
        'invitee',
        i.name,
        i.email,
        i.rsvp,
        i.answeredAt,
        i.joined,
        i.firstJoinAt,
        i.minutes,
      ]);
    }
    for (const g of r.uninvited) {
      rows.push([r.start, 'uninvited', g.name, null, null, null, true, g.firstJoinAt, g.minutes]);
    }
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
