/**
 * A pool worker (piscina): runs one Task at a time and answers an Outcome, so the AppErrors of
 * core reach the route with their codes. Test-only kinds run only when the pool allows them.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { AppError } from '../../core/errors.js';
import {
  feedFromTask,
  feedJob,
  importJob,
  invitesJob,
  lintJob,
  occurrencesJob,
  ownsWholeBuffer,
  TEST_KINDS,
  toWire,
  type Outcome,
  type Task,
} from './work.js';

const testJobs = (workerData as { testJobs?: boolean } | undefined)?.testJobs === true;
/** The lowest priority: see below. */
const WORKER_NICE = 19;

/**
 * Heavy work yields the CPU to the event loop: on Linux a thread has its own nice value, and
 * setpriority on "this process" from a thread sets only that thread's. So a worker at nice 19
 * runs at full speed on an idle machine (a job alone is as fast as inline), and gets almost no
 * CPU while the event loop wants it (joins and /healthz are not held up by imports). Where the
 * system does not allow it, the worker runs at normal priority.
 */
try {
  setPriority(WORKER_NICE);
} catch {
  // not permitted here: normal priority
}
const hoard: unknown[] = [];

async function run(task: Task): Promise<unknown> {
  switch (task.kind) {
    case 'feed':
      return feedJob(task.input);
    case 'lint':
      return lintJob(task.text, task.options);
    case 'invites':
      return invitesJob(task.batch);
    case 'occurrences':
      return occurrencesJob(task.event, task.from, task.to);
    case 'import':
      return importJob(task);
    case 'spin':
      for (;;) hoard.length = 0;
    case 'crash':
      process.exit(70);
    // eslint-disable-next-line no-fallthrough -- process.exit does not return
    case 'hog':
      for (;;) hoard.push(new Array(1 << 16).fill(hoard.length));
  }
}

/**
 * An import's answer bytes are moved to the event loop, not copied: a 5 MB copy there is a
 * 5 MB allocation, whose page faults wait behind this worker's own memory work (seen holding
 * the event loop 30-50 ms under load). Only bytes that own their whole buffer are moved.
 */
function movingBytes(outcome: Outcome<unknown>): unknown {
  const bytes = outcome.ok ? (outcome.value as { text?: unknown } | null)?.text : undefined;
  if (!(bytes instanceof Uint8Array) || !ownsWholeBuffer(bytes)) return outcome;
  return Piscina.move({
    [transferableSymbol]: [bytes.buffer],
    [valueSymbol]: outcome,
  });
}

export default async function (message: { id: number; task: Task }): Promise<unknown> {
  const { id, task } = message;
  if (TEST_KINDS.has(task.kind) && !testJobs) {
    return { ok: false, error: { code: 'bad_request', message: 'No such job.' } };
  }
  parentPort?.postMessage({ jobStarted: id });
  try {
    if (task.kind === 'feed') {
      // Moved, not copied: the answer is the bare bytes (a feed build throws no AppError).
      const bytes = await feedFromTask(task);
      return Piscina.move(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
    return movingBytes({ ok: true, value: await run(task) } satisfies Outcome<unknown>);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: toWire(error) };
    throw error;
  }
}
