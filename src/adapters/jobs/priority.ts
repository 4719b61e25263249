/**
 * Thread priorities for the worker pool, on Linux (where each thread has its own nice value).
 *
 * The pool's workers run at nice 19 (worker.ts), but a worker's garbage collection does not
 * all run on the worker: V8 hands its concurrent marking and parallel scavenging to the
 * process's helper threads (V8's platform pool, shared by every isolate), which run at the
 * priority the process started with. Under import load those helpers took about 45% of a core
 * at nice 0, as much as the event loop itself, and the event loop waited for the CPU behind
 * them. So the threads that exist when the pool is made (V8's helpers: the pool's own workers
 * come later and set themselves) go to HELPER_NICE: below the event loop, level with clients'
 * load, above the workers. The event loop's thread keeps its priority.
 *
 * The helpers also do the event loop's own concurrent GC work, a little slower under load;
 * measured, the event loop's delay p99 under import load fell from 1.6-2.2x of idle to 1.3x.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value given to the process's other threads (see above). */
export const HELPER_NICE = 10;

/** The id of the calling thread (Linux), or undefined where /proc does not say. */
function ownThreadId(): number | undefined {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return undefined;
  }
}

/**
 * Lowers every thread of this process but the calling one and the main thread to HELPER_NICE
 * (none is raised). Returns the thread ids lowered (none where threads cannot be reniced).
 */
export function lowerHelperThreads(): number[] {
  const self = ownThreadId();
  if (self === undefined) return [];
  const lowered: number[] = [];
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return [];
  }
  for (const entry of tids) {
    const tid = Number(entry);
    if (tid === self || tid === process.pid) continue;
    try {
      // Only ever lowered: a thread already below (another pool's worker, at 19) stays there.
      if (getPriority(tid) >= HELPER_NICE) continue;
      setPriority(tid, HELPER_NICE);
      lowered.push(tid);
    } catch {
      // gone meanwhile, or not permitted here: left as it is
    }
  }
  return lowered;
}
