/**
 * Heavy work yields the CPU to the event loop: each pool worker thread runs at nice 19 (see
 * jobs/worker.ts); while a job runs, V8's helper threads (which do the workers' garbage
 * collection) are at HELPER_NICE and go back once the pool is idle (jobs/priority.ts); the
 * event loop's thread keeps its priority throughout. A process that could not raise them back
 * (no CAP_SYS_NICE, RLIMIT_NICE 0) lowers none.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createJobPool } from '../../src/adapters/jobs/pool.js';
import {
  canRaiseTo,
  HELPER_NICE,
  loweredHelpers,
  RESTORE_AFTER_MS,
} from '../../src/adapters/jobs/priority.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EMPTY = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';

/** The nice value of every thread of this process, by thread id. */
function threadNice(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(fields[16])); // field 19 of stat: nice
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

describe('job pool priority', () => {
  it('runs its workers at nice 19 and leaves the event loop at its own priority', async () => {
    const before = threadNice();
    const pool = createJobPool({ workers: 2, queue: 2, timeoutMs: 30_000, maxMemoryMb: 256 });
    try {
      // A job on each worker, so both have started.
      await Promise.all([pool.lint(EMPTY, {}), pool.lint(EMPTY, {})]);
      const after = threadNice();
      const niced = [...after].filter(([tid, nice]) => !before.has(tid) && nice === 19);
      expect(niced.length).toBe(2);
      expect(after.get(process.pid)).toBe(before.get(process.pid));
    } finally {
      await pool.close();
    }
  });

  it('lowers V8’s helper threads to HELPER_NICE while a job runs, and puts them back once the pool is idle', async () => {
    if (!canRaiseTo(0))
      throw new Error(
        'this test needs CAP_SYS_NICE or RLIMIT_NICE 20 to put threads back (run it as root, as npm test does in CI)',
      );
    const self = Number(readlinkSync('/proc/thread-self').split('/').pop());
    const pool = createJobPool({
      workers: 1,
      queue: 2,
      timeoutMs: 1500,
      maxMemoryMb: 256,
      testJobs: true,
    });
    try {
      await pool.lint(EMPTY, {}); // the worker is up
      await expect.poll(() => loweredHelpers().size, { timeout: 10_000 }).toBe(0);
      const before = threadNice();
      const spinning = pool.runTestJob('spin').catch(() => undefined);
      await expect.poll(() => pool.stats().running, { timeout: 20_000, interval: 5 }).toBe(1);
      const during = threadNice();
      const lowered = [...loweredHelpers()];
      // V8's platform pool at least; each now at HELPER_NICE, from where it was.
      expect(lowered.length).toBeGreaterThanOrEqual(4);
      for (const [tid, was] of lowered) {
        expect(was, `thread ${tid}`).toBe(before.get(tid));
        expect(was).toBeLessThan(HELPER_NICE);
        if (during.has(tid)) expect(during.get(tid), `thread ${tid}`).toBe(HELPER_NICE);
      }
      expect(during.get(process.pid)).toBe(before.get(process.pid));
      expect(during.get(self)).toBe(before.get(self));
      const workers = [...during].filter(([, nice]) => nice === 19).map(([tid]) => tid);
      expect(workers.length).toBeGreaterThanOrEqual(1);
      for (const tid of workers) expect(loweredHelpers().has(tid)).toBe(false);

      await spinning; // over its time limit: the pool is idle again
      expect(pool.stats().running).toBe(0);
      await new Promise((r) => setTimeout(r, RESTORE_AFTER_MS + 500));
      const after = threadNice();
      expect(loweredHelpers().size).toBe(0);
      for (const [tid, was] of lowered) {
        if (after.has(tid)) expect(after.get(tid), `thread ${tid} back`).toBe(was);
      }
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('lowers no helper in a process that could not raise it back (no CAP_SYS_NICE, RLIMIT_NICE 0)', () => {
    const src = (file: string) => pathToFileURL(join(ROOT, 'src/adapters/jobs', file)).href;
    const script = `
      import { createJobPool } from '${src('pool.ts')}';
      import { loweredHelpers } from '${src('priority.ts')}';
      import { readdirSync, readFileSync } from 'node:fs';
      const pool = createJobPool({ workers: 1, queue: 2, timeoutMs: 1500, maxMemoryMb: 256, testJobs: true });
      const spinning = pool.runTestJob('spin').catch(() => undefined);
      while (pool.stats().running === 0) await new Promise((r) => setTimeout(r, 5));
      const nice = readdirSync('/proc/self/task').map((t) => {
        const s = readFileSync('/proc/self/task/' + t + '/stat', 'utf8');
        return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]);
      });
      console.log(JSON.stringify({ lowered: loweredHelpers().size, nice }));
      await spinning;
      await pool.close();`;
    const file = join(mkdtempSync(join(tmpdir(), 'callink-priority-')), 'child.mjs');
    writeFileSync(file, script);
    const run = spawnSync(
      'setpriv',
      [
        '--bounding-set=-sys_nice',
        '--inh-caps=-sys_nice',
        process.execPath,
        '--import',
        'tsx',
        file,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    rmSync(dirname(file), { recursive: true, force: true });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync('/proc/self/limits', 'utf8')).toMatch(/^Max nice priority\s+0\s/m);
    const out = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
      lowered: number;
      nice: number[];
    };
    expect(out.lowered).toBe(0);
    // The worker at 19, every other thread where it started.
    expect(out.nice.filter((n) => n === 19).length).toBe(1);
    expect(out.nice.filter((n) => n !== 19 && n !== 0)).toEqual([]);
  }, 60_000);

  it('reads whether a thread may be raised back from the capabilities and RLIMIT_NICE', () => {
    const files = (capEff: string, niceLimit: string) => (path: string) =>
      path.endsWith('status')
        ? `Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t${capEff}\n`
        : `Limit                     Soft Limit           Hard Limit           Units\nMax nice priority         ${niceLimit}                    ${niceLimit}\n`;
    expect(canRaiseTo(0, files('000001fffeffffff', '0'))).toBe(true); // root: CAP_SYS_NICE
    expect(canRaiseTo(0, files('000001fffe7fffff', '0'))).toBe(false); // without it
    expect(canRaiseTo(0, files('0000000000000000', '0'))).toBe(false); // a plain user
    expect(canRaiseTo(0, files('0000000000000000', '20'))).toBe(true); // ulimits nice: 20
    expect(canRaiseTo(0, files('0000000000000000', '19'))).toBe(false);
    expect(canRaiseTo(5, files('0000000000000000', '15'))).toBe(true);
    expect(canRaiseTo(0, files('0000000000000000', 'unlimited'))).toBe(true);
    expect(
      canRaiseTo(0, () => {
        throw new Error('no /proc');
      }),
    ).toBe(false);
  });
});
