/**
 * While heavy jobs run, V8's helper threads yield to the event loop (Linux, where each thread
 * has its own nice value).
 *
 * The pool's workers run at nice 19 (worker.ts), but not all of their work runs on them: V8
 * hands the concurrent marking and parallel scavenging of every isolate in the process (the
 * workers' and the event loop's own) to its helper threads, which run at the process's
 * priority. Under import load they took about 45% of a core at nice 0 and the event loop
 * waited for the CPU behind them. Lowered to HELPER_NICE, the bench's join p99 under load went
 * from 17 ms to 11-15 ms (1.5x of idle instead of 2.2x, p99 over four rounds, two runs each).
 *
 * Only while jobs run: lowered for the whole life of the process, they also slowed the event
 * loop's own collections whenever other programs kept the CPU busy (servers in the test suite
 * that ran no job at all stalled). So the helpers go down when the pool gets its first running
 * job and back to where they were once it has had none for RESTORE_AFTER_MS. Putting them back
 * means raising a priority, which Linux allows only with CAP_SYS_NICE or an RLIMIT_NICE high
 * enough ("ulimits: nice: 20" in compose.yaml); without either, nothing is lowered at all,
 * since it could not be undone.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value helpers get while jobs run: below the event loop, above the workers (19). */
export const HELPER_NICE = 10;
/** How long the pool stays without a running job before the helpers are put back. */
export const RESTORE_AFTER_MS = 1000;

/** The id of the calling thread (Linux), or undefined where /proc does not say. */
function ownThreadId(): number | undefined {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return undefined;
  }
}

/**
 * Whether this process may raise a thread back to `nice`: CAP_SYS_NICE in its effective
 * capabilities, or a soft RLIMIT_NICE of at least 20 - nice.
 */
export function canRaiseTo(
  nice: number,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): boolean {
  try {
    const status = read('/proc/self/status');
    const cap = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
    if (cap && (BigInt(`0x${cap}`) >> 23n) & 1n) return true;
    const limits = read('/proc/self/limits');
    const soft = /^Max nice priority\s+(\d+|unlimited)/m.exec(limits)?.[1];
    if (soft === 'unlimited') return true;
    return soft !== undefined && Number(soft) >= 20 - nice;
  } catch {
    return false;
  }
}

/** Threads lowered now, with the nice value each goes back to; shared by every pool. */
const lowered = new Map<number, number>();
/** Pools with a job running. */
let active = 0;
let timer: NodeJS.Timeout | undefined;
let allowed: boolean | undefined;

function enabled(): boolean {
  allowed ??=
    process.platform === 'linux' &&
    ownThreadId() !== undefined &&
    canRaiseTo(safePriority(process.pid) ?? 0);
  return allowed;
}

function lower(): void {
  if (!enabled() || lowered.size > 0) return;
  const self = ownThreadId();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const entry of tids) {
    const tid = Number(entry);
    // Not the event loop (nor the thread running the pool), nor a worker (at 19 already), nor
    // one at HELPER_NICE or below already.
    if (tid === self || tid === process.pid) continue;
    const nice = safePriority(tid);
    if (nice === undefined || nice >= HELPER_NICE) continue;
    try {
      setPriority(tid, HELPER_NICE);
      lowered.set(tid, nice);
    } catch {
      // gone meanwhile, or not permitted: left as it is
    }
  }
}

/** Puts every lowered thread back now. */
export function restoreHelpers(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  for (const [tid, nice] of lowered) {
    try {
      setPriority(tid, nice);
    } catch {
      // the thread has ended
    }
  }
  lowered.clear();
}

/** A pool has a job running (its first): the helpers go down, if they may come back up. */
export function helpersBusy(): void {
  active++;
  if (timer) clearTimeout(timer);
  timer = undefined;
  lower();
}

/** A pool has no job running any more: the helpers go back once none has for a while. */
export function helpersIdle(): void {
  active = Math.max(0, active - 1);
  if (active > 0 || lowered.size === 0) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(restoreHelpers, RESTORE_AFTER_MS);
  timer.unref();
}

/** The threads lowered now, with the nice value each goes back to (tests). */
export function loweredHelpers(): ReadonlyMap<number, number> {
  return lowered;
}

function safePriority(tid: number): number | undefined {
  try {
    return getPriority(tid);
  } catch {
    return undefined;
  }
}
