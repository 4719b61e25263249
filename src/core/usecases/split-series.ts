/**
 * "This and following": a change from one occurrence of a series onwards. Per RFC 5545 the
 * series is split: the old one ends just before that occurrence (its RRULE gets an UNTIL, and
 * a COUNT becomes one), and a new series with its own UID starts there, carrying the change.
 * Both keep the same call link, so the same address works before and after the split.
 * Attendees get an update of the old series and an invite to the new one. Cancelling "this
 * and following" is the first half alone: the series ends there.
 */
import { DateTime } from 'luxon';
import { AppError } from '../errors.js';
import {
  checkPeople,
  checkSchedule,
  occurrenceKey,
  type CalendarEvent,
  type PatchEventInput,
} from '../events.js';
import { LOCAL_FORMAT, MAX_COUNT, occurrencesBetween } from '../recurrence.js';
import {
  bump,
  cancelEvent,
  definedOnly,
  getEvent,
  live,
  mails,
  newId,
  save,
  updateEvent,
  type EventDeps,
} from './schedule-event.js';

export interface SplitResult {
  /** The old series, now ending before the occurrence; null when the split was at the first. */
  before: CalendarEvent | null;
  /** The series from the occurrence on (the old one itself when split at its first). */
  after: CalendarEvent;
}

/** Rule parts as an ordered map, `RRULE:` prefix removed. */
function ruleParts(rule: string): Map<string, string> {
  return new Map(
    rule
      .replace(/^RRULE:/, '')
      .split(';')
      .map((p) => {
        const eq = p.indexOf('=');
        return [p.slice(0, eq), p.slice(eq + 1)] as [string, string];
      }),
  );
}
const ruleText = (parts: Map<string, string>) =>
  `RRULE:${[...parts].map(([k, v]) => `${k}=${v}`).join(';')}`;

/**
 * The series with every occurrence from `key` on taken away: its rule ends with an UNTIL one
 * second before `key` (UTC; a COUNT gives way to it) and its later overrides are dropped.
 */
function endedBefore(
  deps: EventDeps,
  previous: CalendarEvent,
  key: string,
): { before: CalendarEvent; parts: Map<string, string>; earlier: number } {
  const rule = previous.recurrence as string; // occurrenceKey refused a single event
  const zone = previous.timeZone;
  const firstStart = DateTime.fromISO(previous.start, { zone });
  const at = DateTime.fromISO(key, { zone });
  const parts = ruleParts(rule);
  const earlier = occurrencesBetween(
    rule,
    firstStart,
    firstStart,
    at.minus({ seconds: 1 }),
    MAX_COUNT,
  ).length;
  const oldParts = new Map(parts);
  oldParts.delete('COUNT');
  oldParts.set('UNTIL', at.minus({ seconds: 1 }).toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'"));
  const oldSchedule = checkSchedule({ ...previous, recurrence: ruleText(oldParts) });
  const before: CalendarEvent = {
    ...previous,
    ...oldSchedule,
    overrides: previous.overrides.filter((o) => o.recurrenceId < key),
    sequence: previous.sequence + 1,
    updatedAt: bump(deps, previous),
  };
  return { before, parts, earlier };
}

/**
 * Cancel "this and following": the series ends before the occurrence (attendees get an update
 * whose rule has the UNTIL, so their calendars drop the rest). From the first occurrence on,
 * that is the whole series: it is cancelled, with the CANCEL mail.
 */
export async function endSeriesFrom(
  deps: EventDeps,
  id: string,
  rawStart: string,
): Promise<{ event: CalendarEvent; cancelled: boolean }> {
  const previous = await getEvent(deps, id);
  live(previous);
  const key = occurrenceKey(previous, rawStart);
  if (key === previous.start) return { event: await cancelEvent(deps, id), cancelled: true };
  const { before } = endedBefore(deps, previous, key);
  return { event: await save(deps, before, previous, 'update'), cancelled: false };
}

export async function splitSeries(
  deps: EventDeps,
  id: string,
  rawStart: string,
  patch: PatchEventInput,
): Promise<SplitResult> {
  const previous = await getEvent(deps, id);
  live(previous);
  const key = occurrenceKey(previous, rawStart);
  // From the first occurrence on is the whole series: an ordinary change.
  if (key === previous.start) return { before: null, after: await updateEvent(deps, id, patch) };
  const { before, parts, earlier } = endedBefore(deps, previous, key);
  const zone = previous.timeZone;
  const firstStart = DateTime.fromISO(previous.start, { zone });

  // The new series: the rest of the old one (what is left of a COUNT), with the change.
  const newParts = new Map(parts);
  const count = parts.get('COUNT');
  if (count !== undefined) newParts.set('COUNT', String(Number(count) - earlier));
  const duration = DateTime.fromISO(previous.end, { zone }).diff(firstStart);
  const changes = definedOnly(patch);
  const timeZone = changes.timeZone ?? zone;
  const start = changes.start ?? key;
  const end =
    changes.end ??
    DateTime.fromISO(start, { zone: timeZone }).plus(duration).toFormat(LOCAL_FORMAT);
  const recurrence = changes.recurrence !== undefined ? changes.recurrence : ruleText(newParts);
  const schedule = checkSchedule({ start, end, timeZone, recurrence });
  const merged = { ...previous, ...changes };
  checkPeople(merged.organizer, merged.attendees);
  if (merged.teamId && merged.teamId !== previous.teamId) {
    if (!(await deps.store.teams.get(merged.teamId))) {
      throw new AppError('not_found', 'No team has this id.', { details: { field: 'teamId' } });
    }
  }
  const now = deps.clock.now();
  const newEventId = newId(deps);
  const host = new URL(deps.publicUrl).hostname || 'callink';
  const keepOverrides = schedule.start === key && schedule.recurrence === ruleText(newParts);
  const after: CalendarEvent = {
    ...merged,
    ...schedule,
    id: newEventId,
    uid: `${newEventId}@${host}`,
    sequence: 0,
    linkId: previous.linkId,
    teamId: merged.teamId ?? null,
    ownerId: previous.ownerId,
    description: merged.description ?? null,
    overrides: keepOverrides ? previous.overrides.filter((o) => o.recurrenceId >= key) : [],
    status: 'confirmed',
    createdAt: now,
    updatedAt: now,
    cancelledAt: null,
  };

  await deps.store.transaction(async (store) => {
    const ok = await store.events.update(before, previous, await mails(deps, before, 'update'));
    if (!ok) {
      throw new AppError('conflict', 'The event was changed at the same time; fetch it and retry.');
    }
    await store.events.insert(after, await mails(deps, after, 'invite'));
  });
  return { before, after };
}
