/**
 * Heavy work yields the CPU to the event loop: each pool worker thread runs at nice 19 (see
 * jobs/worker.ts), while the event loop's thread keeps its normal priority.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createJobPool } from '../../src/adapters/jobs/pool.js';

/** The nice value of every thread of this process, by thread id. */
function threadNice(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), Number(fields[16])); // field 19 of stat: nice
  }
  return out;
}

describe('job pool priority', () => {
  it('runs its workers at nice 19 and leaves the event loop at its own priority', async () => {
    const before = threadNice();
    const pool = createJobPool({ workers: 2, queue: 2, timeoutMs: 30_000, maxMemoryMb: 256 });
    try {
      // A job on each worker, so both have started.
      await Promise.all([
        pool.lint('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', {}),
        pool.lint('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', {}),
      ]);
      const after = threadNice();
      const niced = [...after].filter(([tid, nice]) => !before.has(tid) && nice === 19);
      expect(niced.length).toBe(2);
      expect(after.get(process.pid)).toBe(before.get(process.pid));
    } finally {
      await pool.close();
    }
  });
});
