/**
 * The schedule a link's call keeps: read and change its settings, and decide whether a guest
 * may come in now (hosts always may).
 */
import type { CalendarEvent } from '../events.js';
import { AppError } from '../errors.js';
import {
  callGate,
  defaultSchedule,
  nextOccurrence,
  type LinkSchedule,
  type NextOccurrence,
  type ScheduleInput,
} from '../link-schedule.js';
import type { Clock, Store } from '../ports.js';

export async function scheduleOf(store: Store, linkId: string): Promise<LinkSchedule> {
  return (await store.schedules.get(linkId)) ?? defaultSchedule(linkId);
}

export async function changeSchedule(
  store: Store,
  linkId: string,
  input: ScheduleInput,
): Promise<LinkSchedule> {
  const current = await scheduleOf(store, linkId);
  const next: LinkSchedule = {
    linkId,
    openMinutesBefore:
      input.openMinutesBefore !== undefined ? input.openMinutesBefore : current.openMinutesBefore,
    waitForHost: input.waitForHost ?? current.waitForHost,
    inviteesSkipLobby: input.inviteesSkipLobby ?? current.inviteesSkipLobby,
    startingMail: input.startingMail ?? current.startingMail,
  };
  await store.schedules.put(next);
  return next;
}

/** The (not cancelled) events that use this link. */
export async function eventsOfLink(store: Store, linkId: string): Promise<CalendarEvent[]> {
  const ids = await store.eventLookup.idsForLink(linkId);
  const events = await Promise.all(ids.map((id) => store.events.get(id)));
  return events.filter((e): e is CalendarEvent => e !== undefined && e.status === 'confirmed');
}

export interface CallTimes {
  schedule: LinkSchedule;
  next: NextOccurrence | undefined;
  /** When a guest may come in; undefined: now (or always). */
  opensAt: Date | undefined;
  open: boolean;
}

export async function callTimes(
  deps: { store: Store; clock: Clock },
  linkId: string,
): Promise<CallTimes> {
  const schedule = await scheduleOf(deps.store, linkId);
  const now = deps.clock.now();
  if (schedule.openMinutesBefore === null) {
    return { schedule, next: undefined, opensAt: undefined, open: true };
  }
  const events = await eventsOfLink(deps.store, linkId);
  const gate = callGate(schedule, events, now);
  const next = gate.open ? nextOccurrence(events, now) : gate.next;
  return { schedule, next, opensAt: gate.open ? undefined : gate.opensAt, open: gate.open };
}

/** Throws call_not_open (with when it opens) for a guest who comes too early. */
export function assertCallOpen(times: CallTimes): void {
  if (times.open) return;
  const { next, opensAt } = times;
  if (!next || !opensAt) {
    throw new AppError(
      'call_not_open',
      'This meeting has no upcoming occurrence, so the call is closed.',
    );
  }
  throw new AppError('call_not_open', `The call opens at ${opensAt.toISOString()}.`, {
    details: {
      opensAt: opensAt.toISOString(),
      startsAt: next.start.toISOString(),
      title: next.title,
    },
  });
}
