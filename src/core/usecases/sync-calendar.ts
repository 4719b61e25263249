/**
 * CalDAV sync: add call links in place to the upcoming events of a remote calendar. Each object
 * goes through the same import as a file; a change is written with If-Match, and when someone
 * edited the object meanwhile (412) it is read again and patched afresh. Idempotent: an event
 * that already carries our link is left alone, so a second run writes nothing.
 */
import type { CalendarObject, CalendarSource } from '../ports.js';
import { importCalendar, type ImportMode } from './import-calendar.js';
import { recordCalendarAnswers } from './process-reply.js';
import type { LinkDeps } from './links.js';

export interface SyncOptions {
  mode: ImportMode;
  dryRun?: boolean;
  /** How far ahead to look. */
  days?: number;
  /** Attempts per object when it keeps changing under us. */
  attempts?: number;
}

export interface SyncSummary {
  objects: number;
  /** Objects written (or that would be, in a dry run). */
  updated: number;
  /** Events given a link (or that would be). */
  linked: number;
  newLinks: number;
  alreadyLinked: number;
  hadOtherCall: number;
  /** 412 answers that made us read an object again. */
  retried: number;
  /** Objects left as they were: unreadable, or still changing after every attempt. */
  failed: { url: string; reason: string }[];
  /** Attendees' answers (PARTSTAT) of callink's own events read back and changed. */
  answers: number;
}

export const SYNC_DEFAULTS = { days: 365, attempts: 3 };

export async function syncCalendar(
  deps: LinkDeps & { source: CalendarSource },
  options: SyncOptions,
): Promise<SyncSummary> {
  const now = deps.clock.now();
  const days = options.days ?? SYNC_DEFAULTS.days;
  const end = new Date(now.getTime() + days * 86_400_000);
  await deps.source.check();
  const objects = await deps.source.list({ start: now, end });
  const summary: SyncSummary = {
    objects: objects.length,
    updated: 0,
    linked: 0,
    newLinks: 0,
    alreadyLinked: 0,
    hadOtherCall: 0,
    retried: 0,
    failed: [],
    answers: 0,
  };
  for (const first of objects) {
    // Never in a dry run: it writes nothing, not even answers.
    if (!options.dryRun) summary.answers += await recordCalendarAnswers(deps, first.data);
    let object: CalendarObject | undefined = first;
    for (let attempt = 1; object; attempt++) {
      let result;
      try {
        result = await importCalendar(deps, object.data, {
          mode: options.mode,
          futureOnly: true,
          dryRun: options.dryRun === true,
        });
      } catch (error) {
        // One broken object must not stop the others; the report names it.
        summary.failed.push({
          url: object.url,
          reason: error instanceof Error ? error.message : String(error),
        });
        break;
      }
      const s = result.summary;
      if (s.linked === 0 || options.dryRun) {
        summary.alreadyLinked += s.alreadyLinked;
        summary.hadOtherCall += s.hadOtherCall;
        if (s.linked > 0) {
          summary.updated++;
          summary.linked += s.linked;
          summary.newLinks += s.newLinks;
        }
        break;
      }
      if ((await deps.source.update(object, result.text)) === 'ok') {
        summary.updated++;
        summary.linked += s.linked;
        summary.newLinks += s.newLinks;
        summary.alreadyLinked += s.alreadyLinked;
        summary.hadOtherCall += s.hadOtherCall;
        break;
      }
      summary.retried++;
      if (attempt >= (options.attempts ?? SYNC_DEFAULTS.attempts)) {
        summary.failed.push({ url: object.url, reason: 'it kept changing while we wrote it' });
        break;
      }
      object = await deps.source.get(object.url);
    }
  }
  return summary;
}
