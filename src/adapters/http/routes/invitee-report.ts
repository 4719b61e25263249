/**
 * Organizer routes (bearer) for invitees: the attendance report per occurrence and for a
 * series (JSON or CSV), the answers recorded, the REPLY mails read (with why any was skipped),
 * and a personal invite to forward.
 */
import { Router, type Request, type Response } from 'express';
import type { CalendarEvent } from '../../../core/events.js';
import { occurrenceKey } from '../../../core/events.js';
import { AppError } from '../../../core/errors.js';
import {
  occurrenceReport,
  reportCsv,
  summaryLine,
  type OccurrenceReport,
} from '../../../core/invitee-report.js';
import {
  OCCURRENCE_MARGIN_MS,
  occurrenceWindows,
  type OccurrenceWindow,
} from '../../../core/occurrence-attendance.js';
import { tokenIdOfIdentity } from '../../../core/usecases/invitees.js';
import { getEvent } from '../../../core/usecases/schedule-event.js';
import type { AppDeps } from '../context.js';
import { assertOwner } from '../principal.js';

function dateParam(raw: unknown, name: string): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  const d = typeof raw === 'string' ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(d.getTime())) {
    throw new AppError('validation_failed', `Invalid ${name}: use an ISO date-time.`, {
      details: { field: name },
    });
  }
  return d;
}

async function ownedEvent(deps: AppDeps, req: Request): Promise<CalendarEvent> {
  const event = await getEvent(deps, String(req.params.id));
  assertOwner(req, event.ownerId, new AppError('not_found', 'No event has this id.'));
  return event;
}

/** The report of these occurrences, with call identities mapped back to invitees. */
export async function reportsFor(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  event: CalendarEvent,
  windows: OccurrenceWindow[],
): Promise<OccurrenceReport[]> {
  if (windows.length === 0) return [];
  const now = deps.clock.now();
  const from = Math.min(...windows.map((w) => w.start.getTime())) - OCCURRENCE_MARGIN_MS;
  const to = Math.max(...windows.map((w) => w.end.getTime())) + OCCURRENCE_MARGIN_MS;
  const [rsvps, sessions] = await Promise.all([
    deps.store.rsvps.list(event.id),
    deps.store.attendance.list(event.linkId, { from: new Date(from), to: new Date(to) }),
  ]);
  const emails = new Map<string, string>();
  for (const id of new Set(sessions.map((s) => tokenIdOfIdentity(s.identity)))) {
    if (!id) continue;
    const token = await deps.store.invitees.get(id);
    // A token of another event on the same link is that event's invitee, not this one's.
    if (token && token.eventId === event.id) emails.set(id, token.email);
  }
  const emailOf = (identity: string) => {
    const id = tokenIdOfIdentity(identity);
    return id ? emails.get(id) : undefined;
  };
  return windows.map((w) => occurrenceReport(event, w, rsvps, sessions, emailOf, now));
}

function send(req: Request, res: Response, eventId: string, reports: OccurrenceReport[]): void {
  res.set('Cache-Control', 'no-store');
  if (req.query.format === 'csv') {
    res.set('Content-Disposition', `attachment; filename="attendance-${eventId}.csv"`);
    res.type('text/csv; charset=utf-8').send(reportCsv(reports));
    return;
  }
  res.json({
    eventId,
    occurrences: reports.map((r) => ({ ...r, line: summaryLine(r.summary) })),
  });
}

export function inviteeReportRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/events/:id/occurrences/:start/attendance', async (req, res) => {
    const event = await ownedEvent(deps, req);
    let window: OccurrenceWindow | undefined;
    if (event.recurrence) {
      const key = occurrenceKey(event, req.params.start);
      // Look a day either side of the original start: an override may have moved it.
      const at = new Date(`${key}Z`).getTime();
      window = occurrenceWindows(
        event,
        new Date(at - 3 * 86_400_000),
        new Date(at + 3 * 86_400_000),
      ).find((w) => w.recurrenceId === key);
      if (!window) throw new AppError('not_found', 'This occurrence was cancelled.');
    } else {
      window = occurrenceWindows(event, new Date(0), new Date(8.64e15))[0];
      if (!window) throw new AppError('not_found', 'This event has no occurrence.');
    }
    send(req, res, event.id, await reportsFor(deps, event, [window]));
  });

  // The whole series (default: the last 90 days up to now and the next 30).
  router.get('/events/:id/report', async (req, res) => {
    const event = await ownedEvent(deps, req);
    const now = deps.clock.now();
    const to = dateParam(req.query.to, 'to') ?? new Date(now.getTime() + 30 * 86_400_000);
    const from = dateParam(req.query.from, 'from') ?? new Date(now.getTime() - 90 * 86_400_000);
    if (to.getTime() - from.getTime() > 5 * 366 * 86_400_000) {
      throw new AppError('validation_failed', 'Ask for at most five years at a time.');
    }
    send(req, res, event.id, await reportsFor(deps, event, occurrenceWindows(event, from, to)));
  });

  router.get('/events/:id/rsvps', async (req, res) => {
    const event = await ownedEvent(deps, req);
    const records = await deps.store.rsvps.list(event.id);
    res.json({
      eventId: event.id,
      rsvps: records.map((r) => ({
        email: r.email,
        occurrence: r.recurrenceId || null,
        rsvp: r.rsvp,
        sequence: r.sequence,
        source: r.source,
        answeredAt: r.answeredAt.toISOString(),
      })),
    });
  });

  router.get('/events/:id/replies', async (req, res) => {
    const event = await ownedEvent(deps, req);
    const replies = await deps.store.replies.list({ eventId: event.id, limit: 500 });
    res.json({ eventId: event.id, replies: replies.map(viewReply) });
  });

  return router;
}

export function viewReply(r: Awaited<ReturnType<AppDeps['store']['replies']['list']>>[number]) {
  return {
    messageId: r.messageId,
    eventId: r.eventId,
    from: r.email,
    outcome: r.outcome,
    reason: r.reason,
    receivedAt: r.receivedAt.toISOString(),
  };
}
