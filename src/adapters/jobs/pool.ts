/**
 * The worker pool (piscina) for heavy work, sized from the cores. Bounded: a job that finds
 * the queue full is refused with `busy` (503 + Retry-After) at once instead of waiting behind
 * minutes of work. Each job has a time limit, counted from when a worker starts it, and the
 * workers an old-generation memory limit; a job past either is killed with its worker
 * (job_timeout / job_memory, 413), a crashed worker answers job_failed (503), and piscina
 * starts a fresh worker in its place.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type TransferListItem } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Logger } from 'pino';
import { AppError } from '../../core/errors.js';
import { linkGroups } from '../../core/usecases/import-calendar.js';
import type { LinkDeps } from '../../core/usecases/links.js';
import type { Jobs, JobStats } from './jobs.js';
import { helpersBusy, helpersIdle } from './priority.js';
import {
  fromWire,
  ownsWholeBuffer,
  type FeedInput,
  type ImportAsk,
  type ImportJobOptions,
  type ImportReply,
  type Outcome,
  type Task,
} from './work.js';

export interface JobPoolOptions {
  /** Default: one fewer than the cores (the event loop keeps one), at least 1. */
  workers?: number | undefined;
  /** Jobs that may wait for a worker; one more is refused with `busy`. */
  queue: number;
  timeoutMs: number;
  maxMemoryMb: number;
  logger?: Logger;
  /** Allow the test-only kinds (spin, crash, hog). */
  testJobs?: boolean;
}

export interface JobPool extends Jobs {
  /** Test-only jobs, when the pool was made with testJobs. */
  runTestJob(kind: 'spin' | 'crash' | 'hog'): Promise<unknown>;
}

/** From the TypeScript sources, workers load them through tsx; the built server its .js. */
function workerFile(): string {
  const source = import.meta.url.endsWith('.ts');
  return new URL(source ? './worker-source.mjs' : './worker.js', import.meta.url).href;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

class Killed extends Error {}

/** Feed events per message to a worker (see feedInPool). */
const FEED_PAGE = 500;

export function createJobPool(options: JobPoolOptions): JobPool {
  const workers = options.workers ?? defaultWorkers();
  const piscina = new Piscina({
    filename: workerFile(),
    minThreads: workers,
    maxThreads: workers,
    // The queue is bounded here (waiting, below): piscina's own bound also counts workers
    // still starting, so it would let more wait than configured.
    idleTimeout: Number.MAX_SAFE_INTEGER,
    resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb },
    workerData: { testJobs: options.testJobs === true },
  });
  const stats: JobStats = {
    workers,
    queued: 0,
    running: 0,
    refused: 0,
    killed: { timeout: 0, memory: 0, crash: 0 },
  };
  let nextId = 1;
  const started = new Map<number, () => void>();
  piscina.on('message', (m: { jobStarted?: number }) => {
    if (typeof m?.jobStarted === 'number') started.get(m.jobStarted)?.();
  });
  // A worker that dies between jobs: piscina replaces it; say so, never crash the process.
  piscina.on('error', (error: unknown) => {
    options.logger?.error({ err: error }, 'a job worker failed between jobs');
  });

  const retryAfter = () => {
    const mean = piscina.histogram.runTime.average;
    const perJob = Number.isFinite(mean) && mean > 0 ? mean : 1000;
    const ahead = Math.max(0, waiting.size - (workers - stats.running)) + 1;
    return Math.min(60, Math.max(1, Math.ceil((perJob * ahead) / workers / 1000)));
  };

  // Jobs handed to piscina and not started yet: beyond capacity, these are the queue.
  const waiting = new Set<number>();
  const busy = () => {
    stats.refused++;
    return new AppError('busy', 'The server is busy with other heavy work; try again shortly.', {
      details: { retryAfterSeconds: retryAfter() },
    });
  };

  async function run<T>(task: Task, transferList?: TransferListItem[]): Promise<T> {
    if (waiting.size >= workers - stats.running + options.queue) throw busy();
    const id = nextId++;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    waiting.add(id);
    started.set(id, () => {
      waiting.delete(id);
      // The first job running: V8's helper threads below the event loop while jobs run.
      if (stats.running++ === 0) helpersBusy();
      timer = setTimeout(() => abort.abort(new Killed('timeout')), options.timeoutMs);
    });
    try {
      const out = (await piscina.run(
        { id, task },
        { signal: abort.signal, ...(transferList ? { transferList } : {}) },
      )) as unknown;
      if (task.kind === 'feed') return out as T;
      const outcome = out as Outcome<T>;
      if (!outcome.ok) throw fromWire(outcome.error);
      return outcome.value;
    } catch (error) {
      throw classify(error, abort.signal);
    } finally {
      if (timer) {
        clearTimeout(timer);
        if (--stats.running === 0) helpersIdle();
      }
      started.delete(id);
      waiting.delete(id);
    }
  }

  function classify(error: unknown, signal: AbortSignal): unknown {
    if (error instanceof AppError) return error;
    const e = error as { message?: string; code?: string };
    if (e.message === 'Task queue is at limit') return busy();
    if (signal.aborted) {
      stats.killed.timeout++;
      return new AppError(
        'job_timeout',
        `This took longer than ${Math.round(options.timeoutMs / 1000)} s and was stopped; send less at once (split the calendar).`,
      );
    }
    if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      stats.killed.memory++;
      return new AppError(
        'job_memory',
        'This needed more memory than one job may use and was stopped; send less at once.',
      );
    }
    if (typeof e.message === 'string' && e.message.startsWith('worker exited')) {
      stats.killed.crash++;
      options.logger?.error({ err: error }, 'a job worker crashed');
      return new AppError('job_failed', 'The worker doing this failed; please try again.', {
        details: { retryAfterSeconds: 1 },
      });
    }
    return error;
  }

  return {
    lint: (text, lintOptions) => run({ kind: 'lint', text, options: lintOptions }),
    async feed(input) {
      const bytes =
        input.events.length <= FEED_PAGE
          ? await run<Uint8Array>({ kind: 'feed', input })
          : await feedInPool(input, slices(input.events, FEED_PAGE), false);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async feedPages(name, pages) {
      const bytes = await feedInPool({ name, timeZone: 'UTC', events: [] }, pages, true);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    occurrences: (event, from, to) => run({ kind: 'occurrences', event, from, to }),
    invites: (batch) => run({ kind: 'invites', batch }),
    importCalendar: async (deps, text, importOptions, ownerId) => {
      const out = await importInPool(deps, { text }, importOptions, ownerId);
      return { text: (out.text as string | null) ?? text, summary: out.summary };
    },
    async importBytes(deps, body, importOptions, ownerId) {
      // Moved to the worker when the caller gives them up (and they own their whole buffer),
      // copied otherwise. Either way the worker answers bytes, moved back: the event loop
      // copies no calendar-sized buffer (see worker.ts for why that matters under load).
      const { bytes, charset, giveUp } = body;
      const out = await importInPool(
        deps,
        { body: { bytes, charset } },
        importOptions,
        ownerId,
        giveUp === true && ownsWholeBuffer(bytes) ? [bytes.buffer] : [],
      );
      return { bytes: out.text as Uint8Array, summary: out.summary };
    },
    runTestJob: (kind) => run({ kind }),
    stats: () => ({
      ...stats,
      queued: Math.max(0, waiting.size - (workers - stats.running)),
      killed: { ...stats.killed },
    }),
    // Jobs still running are rejected, so their ends count the pool idle (priority.ts).
    close: () => piscina.destroy(),
  };

  /**
   * A feed's events cross to the worker as a copy, written on the event loop: for 10,000
   * events one message took it 40-56 ms under load, and holding them all until then made its
   * young-generation collections copy them (9-19 ms each). So the events go in pages (of
   * FEED_PAGE, or as the store reads them), each as it comes, and the worker puts them together.
   */
  async function feedInPool(
    header: FeedInput,
    pages: AsyncIterable<FeedInput['events']>,
    zoneFromEvents: boolean,
  ): Promise<Uint8Array> {
    const { port1, port2 } = new MessageChannel();
    let settled = false;
    const job = run<Uint8Array>(
      { kind: 'feed', input: { ...header, events: [] }, pages: port2, zoneFromEvents },
      [port2],
    ).finally(() => {
      settled = true;
    });
    job.catch(() => undefined); // answered below, after the pages: not an unhandled rejection
    try {
      for await (const page of pages) {
        if (settled) break;
        port1.postMessage(page);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (!settled) port1.postMessage(null);
      return await job;
    } finally {
      port1.close();
    }
  }

  async function* slices<T>(items: readonly T[], size: number): AsyncGenerator<T[]> {
    for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
  }

  /** Reading and patching in the worker; the links in between from the store, here. */
  async function importInPool(
    deps: LinkDeps,
    input: { text: string } | { body: { bytes: Uint8Array; charset?: string | undefined } },
    importOptions: ImportJobOptions,
    ownerId: string | null,
    moved: TransferListItem[] = [],
  ) {
    const { port1, port2 } = new MessageChannel();
    let storeError: unknown;
    // The pages come ahead of their turn and are linked one after another, in order (see
    // ImportAsk), never after a page failed or the job ended (its caller has its answer then).
    let summary: ImportJobSummary | undefined;
    let linking = Promise.resolve();
    let over = false;
    port1.on('message', (ask: ImportAsk) => {
      linking = linking.then(async () => {
        if (over) return;
        summary ??= ask.summary;
        try {
          const ids = await linkGroups(deps, summary, ask.groups, importOptions, ownerId, ask);
          if (!over) port1.postMessage({ ids: ids ?? null, summary } satisfies ImportReply);
        } catch (error) {
          over = true;
          storeError = error;
          port1.postMessage(null satisfies ImportReply);
        }
      });
    });
    try {
      const out = await run<{ text: string | Uint8Array | null; summary: ImportJobSummary } | null>(
        {
          kind: 'import',
          ...input,
          options: importOptions,
          publicUrl: deps.publicUrl,
          now: deps.clock.now(),
          port: port2,
        },
        [port2, ...moved],
      );
      if (!out) throw storeError;
      return out;
    } finally {
      over = true;
      port1.close();
    }
  }
}

type ImportJobSummary = ImportAsk['summary'];
