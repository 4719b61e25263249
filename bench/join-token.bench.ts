/**
 * Join tokens issued per second through POST /api/links/:id/join (name check, link and policy
 * lookups in SQLite, the schedule, both rate limiters, a participant count from a real
 * livekit-server, a signed JWT, one access-log line), and its p99 latency, against a bare
 * Express hello-world on the same machine, in the same run.
 *
 * Fair comparison: each server is its own single process (no cluster), started the same way
 * (node --import tsx, same environment; join-server-child.ts composes the app as main.ts does,
 * logging at the default level to /dev/null). One load generator for both (autocannon in this
 * process, 16 keep-alive connections, one request in flight on each), and the two are measured
 * in alternating rounds so that other load on the machine falls on both alike. Besides req/s,
 * the server process's own CPU time per request (from /proc) is reported: it does not depend on
 * how the load generator and LiveKit were scheduled.
 *
 * How the 2 cores are shared: this process (autocannon), the server under test (the other is
 * idle meanwhile), and livekit-server (answering the occupancy lookups) run on the same two
 * cores, together with whatever else the machine runs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startLivekit } from '../test/support/livekit.js';
import { median, type BenchResult } from './types.js';

const CONNECTIONS = 16;
const ROUNDS = Number(process.env.BENCH_JOIN_ROUNDS ?? 4);
const SECONDS = Number(process.env.BENCH_JOIN_SECONDS ?? 4);
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const TICKS_PER_S = 100;

interface Load {
  perSecond: number;
  p99: number;
  /** Server CPU (user + system) per answered request, in µs. */
  cpuUs: number;
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime
}

function start(
  file: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; info: Record<string, string> }> {
  const child = fork(join(import.meta.dirname, file), args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    // The access log goes to /dev/null: written per request as in production, read by nobody.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ child, info: info as Record<string, string> }));
    child.once('exit', (code) => reject(new Error(`${file} exited ${code} before listening`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function load(pid: number, opts: autocannon.Options, seconds = SECONDS): Promise<Load> {
  const before = cpuTicks(pid);
  const result = await autocannon({ connections: CONNECTIONS, duration: seconds, ...opts });
  const ticks = cpuTicks(pid) - before;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return {
    perSecond: result.requests.average,
    p99: result.latency.p99,
    cpuUs: ((ticks / TICKS_PER_S) * 1e6) / Math.max(result.requests.total, 1),
  };
}

export default async function (): Promise<BenchResult[]> {
  const lk = await startLivekit();
  const dir = mkdtempSync(join(tmpdir(), 'callink-join-bench-'));
  const children: ChildProcess[] = [];
  try {
    const lkEnv = {
      LIVEKIT_URL: lk.url,
      LIVEKIT_API_KEY: lk.apiKey,
      LIVEKIT_API_SECRET: lk.apiSecret,
    };
    const joinServer = await start('join-server-child.ts', [dir], lkEnv);
    children.push(joinServer.child);
    const hello = await start('hello-child.ts', [], {});
    children.push(hello.child);
    const joinPid = joinServer.child.pid as number;
    const helloPid = hello.child.pid as number;
    const joinOpts: autocannon.Options = {
      url: `${joinServer.info.url}/api/links/${joinServer.info.linkId}/join`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench Participant' }),
    };
    const helloOpts: autocannon.Options = { url: hello.info.url as string };
    // Warm-up: JIT, statement cache, LiveKit's HTTP keep-alive.
    await load(helloPid, helloOpts, 2);
    await load(joinPid, joinOpts, 2);
    const joins: Load[] = [];
    const hellos: Load[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating order, so a drift in the machine's other load falls on both alike.
      if (round % 2 === 0) {
        hellos.push(await load(helloPid, helloOpts));
        joins.push(await load(joinPid, joinOpts));
      } else {
        joins.push(await load(joinPid, joinOpts));
        hellos.push(await load(helloPid, helloOpts));
      }
    }
    const ratios = joins.map((j, i) => j.perSecond / (hellos[i] as Load).perSecond);
    const p99Ratios = joins.map((j, i) => j.p99 / Math.max((hellos[i] as Load).p99, 1));
    const cpuRatios = joins.map((j, i) => j.cpuUs / Math.max((hellos[i] as Load).cpuUs, 1));
    const rounds = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
    const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const note = `${ROUNDS} alternating rounds of ${SECONDS} s each, ${CONNECTIONS} keep-alive connections, one autocannon for both; each server a single process; 2 cores shared by autocannon (bench process), the server under test and livekit-server; load average ${load1} at the end`;
    return [
      {
        name: 'join tokens/s (baseline: Express hello-world req/s; ratio = join/hello; goal >= 0.5)',
        value: median(joins.map((j) => j.perSecond)),
        unit: 'req/s',
        baseline: median(hellos.map((h) => h.perSecond)),
        ratio: median(ratios),
        note: `${note}; ratio = median of the rounds' ratios (${rounds(ratios)})`,
      },
      {
        name: 'join token p99 latency (baseline: hello-world p99; ratio = join/hello; goal <= 2)',
        value: median(joins.map((j) => j.p99)),
        unit: 'ms',
        baseline: median(hellos.map((h) => h.p99)),
        ratio: median(p99Ratios),
        note: `rounds: ${rounds(p99Ratios)}`,
      },
      {
        name: 'server CPU per join (baseline: per hello-world request; ratio = join/hello)',
        value: median(joins.map((j) => j.cpuUs)),
        unit: 'µs',
        baseline: median(hellos.map((h) => h.cpuUs)),
        ratio: median(cpuRatios),
        note: `user + system CPU of the server process (/proc) over the requests it answered; rounds: ${rounds(cpuRatios)}`,
      },
    ];
  } finally {
    await Promise.all(children.map(stop));
    await lk.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
