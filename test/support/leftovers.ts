/**
 * Finds processes a run started that are still alive at its end. Every process started during a
 * run inherits CALLINK_RUN_ID from it, so even one orphaned to init (its parent gone, as a
 * media server left by a killed server process is) is found by that mark in /proc/PID/environ.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

export interface Leftover {
  pid: number;
  command: string;
}

/** Marks this process and everything it starts from now on; returns the run's id. */
export function markRun(): string {
  process.env.CALLINK_RUN_ID ??= randomUUID();
  return process.env.CALLINK_RUN_ID;
}

/**
 * tsx's esbuild service, a child of this very process (the benchmarks run under tsx): it ends
 * with this process, so it is not something the run left behind.
 */
function ownTransformService(stat: string, command: string): boolean {
  const ppid = Number(/^\d+ \(.*\) \S+ (\d+)/.exec(stat)?.[1]);
  return ppid === process.pid && /\/esbuild --service=/.test(command);
}

/** Processes other than this one that carry the run's mark (zombies excluded). */
export function leftovers(runId: string): Leftover[] {
  const mark = `CALLINK_RUN_ID=${runId}`;
  const found: Leftover[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
      if (!env.includes(mark)) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (/^\d+ \(.*\) Z/.test(stat)) continue;
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (ownTransformService(stat, command)) continue;
      found.push({ pid, command });
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return found;
}

/**
 * Throws, naming each one, when the run left processes behind; kills them first so the next
 * run starts clean. A process gets a few seconds to finish exiting (a browser's helpers end
 * just after it). `what` says whose run it was (tests, benchmarks).
 */
export async function assertNoLeftovers(runId: string, what: string): Promise<void> {
  if (process.platform !== 'linux') return;
  let left = leftovers(runId);
  for (let waited = 0; left.length > 0 && waited < 5000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    left = leftovers(runId);
  }
  if (left.length === 0) return;
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
  throw new Error(
    `${what} left ${left.length} process(es) running (now killed):\n` +
      left.map((p) => `  pid ${p.pid}: ${p.command}`).join('\n'),
  );
}
