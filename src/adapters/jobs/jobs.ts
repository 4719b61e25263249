/**
 * Jobs: the heavy work routes hand off (import, lint, feed builds, occurrence expansion,
 * invite batches). Two runners share this interface: the worker pool (pool.ts) for the server,
 * and the inline runner here for the CLI and for apps made without a pool. Both give the same
 * results byte for byte.
 */
import type { CalendarEvent } from '../../core/events.js';
import type { LintOptions, LintReport } from '../../core/ics/lint.js';
import type { OccurrenceWindow } from '../../core/occurrence-attendance.js';
import { decodeCalendar } from '../../core/ics/decode.js';
import { importCalendar, type ImportResult } from '../../core/usecases/import-calendar.js';
import { feedFromPages } from '../../core/usecases/publish-feed.js';
import type { LinkDeps } from '../../core/usecases/links.js';
import type { InviteBatch, InviteBatchItem } from '../../core/invite-batch.js';
import {
  feedJob,
  invitesJob,
  lintJob,
  occurrencesJob,
  type FeedInput,
  type ImportJobOptions,
} from './work.js';

export interface JobStats {
  /** Workers in the pool (0 inline). */
  workers: number;
  /** Jobs waiting for a worker. */
  queued: number;
  /** Jobs running now. */
  running: number;
  /** Jobs refused because the queue was full. */
  refused: number;
  /** Jobs killed, by why: over the time limit, over the memory limit, worker crashed. */
  killed: { timeout: number; memory: number; crash: number };
}

export interface Jobs {
  lint(text: string, options: LintOptions): Promise<LintReport>;
  /** The feed body as UTF-8 bytes. */
  feed(input: FeedInput): Promise<Buffer>;
  /**
   * The same from its events a page at a time (the time zone the one most of them are in, as
   * feedFromPages chooses it): in the pool each page goes to the worker as it comes.
   */
  feedPages(name: string, pages: AsyncIterable<FeedInput['events']>): Promise<Buffer>;
  importCalendar(
    deps: LinkDeps,
    text: string,
    options: ImportJobOptions,
    ownerId: string | null,
  ): Promise<ImportResult>;
  /**
   * The same from the request's bytes (decoded strictly, as decodeCalendar), answering the
   * calendar as UTF-8 bytes: in the pool, neither is decoded or encoded on the event loop.
   */
  importBytes(
    deps: LinkDeps,
    /** giveUp: the caller no longer needs `bytes` (a pool may move them, leaving them empty). */
    body: { bytes: Uint8Array; charset?: string | undefined; giveUp?: boolean },
    options: ImportJobOptions,
    ownerId: string | null,
  ): Promise<{ bytes: Uint8Array; summary: ImportResult['summary'] }>;
  occurrences(event: CalendarEvent, from: Date, to: Date): Promise<OccurrenceWindow[]>;
  /** Many attendees' invites of one change (the tokens already issued). */
  invites(batch: InviteBatch): Promise<InviteBatchItem[]>;
  stats(): JobStats;
  close(): Promise<void>;
}

/** The same work on the calling thread: for the CLI, and for apps made without a pool. */
export function inlineJobs(): Jobs {
  return {
    lint: async (text, options) => lintJob(text, options),
    feed: async (input) => feedJob(input),
    feedPages: async (name, pages) => feedJob(await feedFromPages(name, pages)),
    importCalendar: (deps, text, options, ownerId) => importCalendar(deps, text, options, ownerId),
    async importBytes(deps, body, options, ownerId) {
      const text = decodeCalendar(body.bytes, body.charset);
      const result = await importCalendar(deps, text, options, ownerId);
      const bytes = result.text === text ? body.bytes : Buffer.from(result.text, 'utf8');
      return { bytes, summary: result.summary };
    },
    occurrences: async (event, from, to) => occurrencesJob(event, from, to),
    invites: async (batch) => invitesJob(batch),
    stats: () => ({
      workers: 0,
      queued: 0,
      running: 0,
      refused: 0,
      killed: { timeout: 0, memory: 0, crash: 0 },
    }),
    close: async () => undefined,
  };
}
