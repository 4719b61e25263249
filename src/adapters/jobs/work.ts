/**
 * The heavy work itself, as plain functions of cloneable data: what a pool worker runs, and
 * what the inline runner runs on the event loop. Each calls the same core function the routes
 * called before, so fixes in core reach both paths.
 */
import type { MessagePort } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { buildFeed, feedBuilder } from '../../core/ics/build.js';
import { decodeCalendar } from '../../core/ics/decode.js';
import { lintCalendar, type LintOptions, type LintReport } from '../../core/ics/lint.js';
import type { CalendarEvent } from '../../core/events.js';
import {
  buildInviteBatch,
  type InviteBatch,
  type InviteBatchItem,
} from '../../core/invite-batch.js';
import { occurrenceWindows, type OccurrenceWindow } from '../../core/occurrence-attendance.js';
import { linkPatcher } from '../../core/ics/patch.js';
import {
  importBudget,
  linksOfGroups,
  planImport,
  type GroupToLink,
  type ImportOptions,
  type ImportSummary,
} from '../../core/usecases/import-calendar.js';
import { feedTimeZone } from '../../core/usecases/publish-feed.js';

export type FeedInput = Parameters<typeof buildFeed>[0];

/** True when `bytes` view the whole of their own ArrayBuffer: only such bytes may be moved. */
export function ownsWholeBuffer(bytes: Uint8Array): bytes is Uint8Array<ArrayBuffer> {
  return (
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength
  );
}

/** Import options that cross a thread (onProgress is a function: it stays behind). */
export type ImportJobOptions = Omit<ImportOptions, 'onProgress'>;

/** Groups per ask (the event loop links them in transactions of LINK_BATCH). */
export const IMPORT_ASK_PAGE = 200;
/** Asks on their way or waiting at once (see ImportAsk). */
export const IMPORT_ASK_WINDOW = 4;

/**
 * What the worker asks the event loop to do with the store, a page of IMPORT_ASK_PAGE groups at a
 * time, and what it gets back: each group's link id, or null when nothing is linked (a dry
 * run). Pages keep each message small: the whole plan of a 5 MB calendar (9,000 groups) took
 * the event loop 4-8 ms to read and its answer 3-4 ms to write, each in one piece.
 *
 * The worker keeps IMPORT_ASK_WINDOW pages ahead, and the event loop links them one after
 * another, in order, answering each: waiting for each answer before sending the next page cost
 * a thread hand-over each way per page (45 pages for 5 MB), 30-40 ms of one import's 450 ms
 * alone. Not every page at once: the event loop reads the messages waiting on a port in one
 * go, so all 45 would be the one long read that pages avoid. The summary goes with the first
 * page; the event loop carries it on from there, and each answer has it as it stands after
 * that page.
 */
export interface ImportAsk {
  summary: ImportSummary;
  groups: GroupToLink[];
  /** Groups asked about before this page, and in all (for progress). */
  before: number;
  total: number;
}
export type ImportReply = { ids: string[] | null; summary: ImportSummary } | null;

export type Task =
  | { kind: 'lint'; text: string; options: LintOptions }
  | {
      kind: 'feed';
      input: FeedInput;
      /**
       * A large feed's events come over this port in pages, ended by null (see pool.ts); with
       * zoneFromEvents the time zone is the one most of them are in (feedTimeZone).
       */
      pages?: MessagePort;
      zoneFromEvents?: boolean;
    }
  | { kind: 'occurrences'; event: CalendarEvent; from: Date; to: Date }
  | { kind: 'invites'; batch: InviteBatch }
  | {
      kind: 'import';
      /**
       * The calendar as text, or as the request's bytes (decoded here, answered as bytes,
       * always: the unchanged ones too).
       */
      text?: string;
      body?: { bytes: Uint8Array; charset?: string | undefined };
      options: ImportJobOptions;
      publicUrl: string;
      now: Date;
      port: MessagePort;
    }
  /** Test-only (testJobs): runs until its time limit. */
  | { kind: 'spin' }
  /** Test-only: ends its worker thread, as a crash in native code would. */
  | { kind: 'crash' }
  /** Test-only: allocates until the worker's memory limit. */
  | { kind: 'hog' };

export const TEST_KINDS = new Set(['spin', 'crash', 'hog']);

/** An AppError as it crosses a thread (classes do not survive structured cloning). */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WireError };

export function toWire(error: AppError): WireError {
  return {
    code: error.code,
    message: error.message,
    ...(error.details ? { details: { ...error.details } } : {}),
  };
}

export function fromWire(error: WireError): AppError {
  return new AppError(error.code, error.message, error.details ? { details: error.details } : {});
}

export const lintJob = (text: string, options: LintOptions): LintReport =>
  lintCalendar(text, options);

/** The feed as UTF-8 bytes: a Buffer moves between threads without a copy, a string does not. */
export const feedJob = (input: FeedInput): Buffer => Buffer.from(buildFeed(input), 'utf8');

/**
 * A feed job's bytes. Its events sent in pages (ended by null) are written as each page comes
 * (feedBuilder), while the event loop reads the next from the store: the same bytes as one
 * buildFeed over all of them, with the reading and the writing side by side.
 */
export async function feedFromTask(task: Extract<Task, { kind: 'feed' }>): Promise<Buffer> {
  const { pages } = task;
  if (!pages) return feedJob(task.input);
  const feed = feedBuilder(task.input.name);
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    pages.on('message', (page: FeedInput['events'] | null) => {
      if (failed) return;
      if (page === null) return resolve();
      try {
        feed.add(page);
      } catch (error) {
        failed = true; // the job fails as a whole build would, not the worker
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    // The sender stopped before the end (its store failed): end the job now, not at its limit.
    pages.once('close', () => reject(new Error('the feed events stopped coming')));
  });
  pages.close();
  const timeZone = task.zoneFromEvents ? feedTimeZone(feed.events) : task.input.timeZone;
  return Buffer.from(feed.finish(timeZone), 'utf8');
}

export const invitesJob = (batch: InviteBatch): InviteBatchItem[] => buildInviteBatch(batch);

export const occurrencesJob = (event: CalendarEvent, from: Date, to: Date): OccurrenceWindow[] =>
  occurrenceWindows(event, from, to);

/**
 * Reads and patches the calendar here; the links in between come from the store on the event
 * loop, over `port`. Returns null for the text when nothing changed (the caller has it).
 */
export async function importJob(
  task: Extract<Task, { kind: 'import' }>,
): Promise<{ text: string | Uint8Array | null; summary: ImportSummary } | null> {
  const { options, port } = task;
  // Bytes in: decoded here and answered as bytes, so the event loop neither decodes nor
  // encodes the calendar (5 MB of each held it several ms per import).
  const text =
    task.text ?? decodeCalendar(task.body?.bytes ?? new Uint8Array(), task.body?.charset);
  const plan = planImport(text, options, {
    publicUrl: task.publicUrl,
    now: task.now,
    checkBudget: importBudget(options, Date.now),
  });
  const { groups } = plan;
  let summary = plan.summary;
  // Each page's links are written in as its answer comes, while the event loop links the
  // pages after it: the patching (about half of the worker's time) overlaps the linking, where
  // inline they run one after the other. The result is the same (see linkPatcher).
  const patcher = linkPatcher(plan.cal);
  let linked = 0;
  let dryRun = false;
  let patchError: unknown;
  try {
    const pages = Math.ceil(groups.length / IMPORT_ASK_PAGE);
    let sent = 0;
    let answered = 0;
    const send = () => {
      const before = sent++ * IMPORT_ASK_PAGE;
      const page = groups
        .slice(before, before + IMPORT_ASK_PAGE)
        .map(({ key, title }) => ({ key, title }));
      port.postMessage({ summary, groups: page, before, total: groups.length } as ImportAsk);
    };
    if (pages > 0) {
      // IMPORT_ASK_WINDOW pages ahead; the answers come in the pages' order (see ImportAsk).
      const ok = await new Promise<boolean>((resolve) => {
        port.on('message', (reply: ImportReply) => {
          if (reply === null) return resolve(false); // the store failed; the caller throws
          const before = answered++ * IMPORT_ASK_PAGE;
          if (sent < pages) send();
          summary = reply.summary;
          if (!reply.ids)
            dryRun = true; // a dry run: the pages only count
          else if (patchError === undefined) {
            try {
              const page = groups.slice(before, before + IMPORT_ASK_PAGE);
              const links = linksOfGroups(page, reply.ids, task.publicUrl, options.label);
              for (const [index, link] of links) patcher.add(index, link);
              linked += reply.ids.length;
            } catch (error) {
              // Said once every page is linked, as inline links them all before it patches.
              patchError = error;
            }
          }
          if (answered === pages) resolve(true);
        });
        while (sent < Math.min(IMPORT_ASK_WINDOW, pages)) send();
      });
      if (!ok) return null;
      if (patchError !== undefined) throw patchError;
    }
  } finally {
    port.close();
  }
  // From bytes, the answer is bytes, the same ones when nothing changed: the caller may have
  // moved its own here (they then move back, as the new ones do: see worker.ts).
  if (dryRun || linked === 0) return { text: task.body?.bytes ?? null, summary };
  const out = patcher.finish();
  return { text: task.body ? Buffer.from(out, 'utf8') : out, summary };
}
