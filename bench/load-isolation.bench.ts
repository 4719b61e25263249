/**
 * Heavy work against the event loop (issue #18). The server runs in its own process
 * (load-server-child.ts) with a real LiveKit; the load in another (import-load-child.ts): 4
 * clients importing a 5 MB calendar in a loop and one cold 10,000-event feed build. Rows:
 * p99 of joins and /healthz (open-loop probes, 40 joins/s and 40 /healthz/s) under that load
 * against the same server idle, with the worker pool and with the work inline (as before the
 * pool); event-loop delay p99 (from /metrics) under load against idle; and one import or feed
 * build alone through the pool against inline. Idle and loaded phases alternate in rounds
 * (ROUNDS), each round's feed built cold; the latency rows give the p99 over all rounds' probes.
 *
 * Bounded in time on a loaded machine: each probe gives up after PROBE_TIMEOUT_MS (and then
 * counts as that long: a lower bound, said in the note), so a phase ends at most that long
 * after its PHASE_S; the sections run in order of importance (pool isolation, one job alone,
 * inline isolation) and a section that would start past BENCH_ISOLATION_BUDGET_S is left out,
 * with a row saying so.
 *
 * How the 2 cores are shared: the server process (event loop + 1 pool worker, which runs at
 * nice 19: see jobs/worker.ts), livekit-server, the load process (at nice 10, BENCH_LOAD_NICE:
 * it stands for clients on other machines) and this process (the probes) all run on the same
 * two cores, together with whatever else the machine runs; the latency rows measure what the
 * event loop still answers while the worker and the load take their share.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { inlineJobs } from '../src/adapters/jobs/jobs.js';
import { createJobPool } from '../src/adapters/jobs/pool.js';
import { createSqliteStore } from '../src/adapters/store/sqlite.js';
import { cryptoIds, systemClock } from '../src/adapters/system/clock.js';
import { DEFAULT_POLICY } from '../src/core/policy.js';
import { teamFeedPages } from '../src/core/usecases/publish-feed.js';
import { TEST_TOKEN } from '../test/support/app.js';
import { generateCalendar } from '../test/support/big-calendar.js';
import { startLivekit, type TestLivekit } from '../test/support/livekit.js';
import { fillBenchStore, openBenchStore, PUBLIC_URL, TEAM } from './feed-data.js';
import { median, percentile, type BenchResult } from './types.js';

const IMPORT_EVENTS = 10_000;
const FEED_EVENTS = Number(process.env.BENCH_FEED_EVENTS ?? 10_000);
const PHASE_S = Number(process.env.BENCH_PHASE_SECONDS ?? 6);
const PROBE_TIMEOUT_MS = Number(process.env.BENCH_PROBE_TIMEOUT_MS ?? 15_000);
const BUDGET_S = Number(process.env.BENCH_ISOLATION_BUDGET_S ?? 360);
const PROBE_EVERY_MS = Number(process.env.BENCH_PROBE_EVERY_MS ?? 25);
/**
 * Idle and loaded phases per server, alternating (BENCH_ISOLATION_ROUNDS): a p99 of one 6 s
 * phase is its third-slowest of 240 probes, so one phase's ratio swung 1.0-3.6x between runs
 * of the same code; the rows give the p99 over every round's probes, and each round's ratio.
 */
const ROUNDS = Number(process.env.BENCH_ISOLATION_ROUNDS ?? 4);
/** Rounds for the inline server (the before picture: each loaded phase waits out its blocks). */
const INLINE_ROUNDS = Number(process.env.BENCH_ISOLATION_INLINE_ROUNDS ?? 2);
/** The load generator's nice value (BENCH_LOAD_NICE; 0 to share the cores as equals). */
const LOAD_NICE = Number(process.env.BENCH_LOAD_NICE ?? 10);
/** Measured rounds of one job alone (after one warm-up round). */
// 10: with 6, single rounds ran 0.85-1.54x for the same code and the median moved with them.
const ALONE_ROUNDS = Number(process.env.BENCH_ALONE_ROUNDS ?? 10);
const child = (file: string, args: string[], env: Record<string, string> = {}) =>
  spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, file), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const stderrOf = new WeakMap<ChildProcess, () => string>();

function firstLine(c: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    stderrOf.set(c, () => err.slice(-4000));
    c.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    c.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    c.once('exit', (code) => reject(new Error(`${String(c.spawnargs[3])} exited ${code}: ${err}`)));
  });
}

function stop(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => c.kill('SIGKILL'), 20_000);
    c.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    c.kill('SIGTERM');
  });
}

/** The loop delay p99 since the last scrape; NaN (said in the row) when /metrics did not answer. */
async function loopDelayMs(url: string): Promise<number> {
  const [seconds] = await gauges(url, ['callink_event_loop_delay_p99_seconds']).catch(() => [NaN]);
  return (seconds ?? NaN) * 1000;
}

/** The values of `names` in the server's /metrics (NaN for one it does not show). */
async function gauges(url: string, names: string[]): Promise<number[]> {
  const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  const text = await res.text();
  return names.map((name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]));
}

/**
 * Waits until the server has no job running or waiting (from /metrics): imports whose clients
 * were stopped still run to their end, and an idle phase must not measure them.
 */
async function settled(url: string): Promise<void> {
  const end = performance.now() + 120_000;
  while (performance.now() < end) {
    const [running, queued] = await gauges(url, [
      'callink_jobs_running',
      'callink_jobs_queued',
    ]).catch(() => []); // not answering yet: wait on
    if (running === 0 && queued === 0) {
      await new Promise((r) => setTimeout(r, 1000));
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server was still busy with the last round’s jobs after 120 s');
}

interface Phase {
  /** Probes that failed or timed out, said in the row's note. */
  bad: string;
  /** Every probe's latency, sorted (for the p99 over all rounds). */
  joinMs: number[];
  healthMs: number[];
  loopP99: number;
}

/**
 * Open-loop probes: a request every `everyMs` whether or not the last one was answered, so a
 * loop blocked for seconds shows in the percentiles (a closed-loop client would send nothing
 * while it waits, and hide the block).
 */
async function probe(
  seconds: number,
  everyMs: number,
  send: (signal: AbortSignal) => Promise<Response>,
): Promise<{ bad: string[]; latencies: number[] }> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const bad: string[] = [];
  let timedOut = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    pending.push(
      send(AbortSignal.timeout(PROBE_TIMEOUT_MS)).then(
        async (res) => {
          const text = await res.text();
          if (!res.ok) bad.push(`${res.status} ${text.slice(0, 80)}`);
          latencies.push(performance.now() - t0);
        },
        (error: unknown) => {
          if ((error as Error).name === 'TimeoutError') {
            timedOut++;
            latencies.push(PROBE_TIMEOUT_MS); // at least this long
          } else bad.push(String(error));
        },
      ),
    );
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await Promise.all(pending);
  if (timedOut > 0) bad.push(`${timedOut} timed out after ${PROBE_TIMEOUT_MS} ms`);
  latencies.sort((a, b) => a - b);
  return { bad, latencies };
}

/** Joins and /healthz at once for PHASE_S seconds; the loop delay of that window. */
async function measure(url: string, linkId: string): Promise<Phase> {
  await loopDelayMs(url); // starts a new window
  const [joins, health] = await Promise.all([
    probe(PHASE_S, PROBE_EVERY_MS, (signal) =>
      fetch(`${url}/api/links/${linkId}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench Participant' }),
        signal,
      }),
    ),
    probe(PHASE_S, PROBE_EVERY_MS, (signal) => fetch(`${url}/healthz`, { signal })),
  ]);
  // On a starved machine the media server can time out (503): counted and shown, not fatal.
  const bad = [...joins.bad, ...health.bad];
  return {
    bad: bad.length > 0 ? `${bad.length} failed probes, e.g. ${bad.join(' / ').slice(0, 200)}` : '',
    joinMs: joins.latencies,
    healthMs: health.latencies,
    loopP99: await loopDelayMs(url),
  };
}

/** One idle phase and the loaded phase after it, on the same server. */
interface Round {
  idle: Phase;
  loaded: Phase;
  load: string;
}

async function isolation(
  mode: 'pool' | 'inline',
  lk: TestLivekit,
  icsFile: string,
  rounds: number,
): Promise<Round[]> {
  const dir = mkdtempSync(join(tmpdir(), 'callink-load-bench-'));
  try {
    await fillBenchStore(dir, FEED_EVENTS);
    const server = child('load-server-child.ts', [dir, mode], {
      LIVEKIT_URL: lk.url,
      LIVEKIT_API_KEY: lk.apiKey,
      LIVEKIT_API_SECRET: lk.apiSecret,
      CALLINK_PUBLIC_URL: PUBLIC_URL,
    });
    // The bench's own connection to the server's database: between rounds it raises the
    // team's version, as an event change on another instance would, so each round's feed is
    // built cold (the server's cache holds the last one).
    const { store: own, sql } = await openBenchStore(dir);
    try {
      const { url } = JSON.parse(await firstLine(server)) as { url: string };
      const api = (path: string, body?: unknown) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(body ?? {}),
        }).then((r) => r.json() as Promise<Record<string, string>>);
      const link = await api('/api/links', { maxParticipants: 100 });
      const feed = await api(`/api/teams/${TEAM}/feeds`);
      const feedUrl = url + new URL(feed.url as string).pathname;
      // Warm up (JIT, LiveKit keep-alive).
      await autocannon({
        url: `${url}/api/links/${link.id}/join`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"Warm Up"}',
        connections: 4,
        duration: 1,
      });
      const out: Round[] = [];
      for (let round = 0; round < rounds; round++) {
        // Idle and loaded alternate, so that a change in the machine's speed over the minutes
        // of the bench (large on this VM) falls on both alike.
        await settled(url);
        const idle = await measure(url, link.id as string);
        await sql.run('UPDATE teams SET version = version + 1 WHERE id = ?', [TEAM]);
        const load = child('import-load-child.ts', [url, TEST_TOKEN, icsFile, feedUrl]);
        // The load's clients stand in for people on other machines: on these 2 shared cores
        // they run at nice 10, so that the server's latency is not the time it waits for the
        // cores behind its own load generator (at nice 0 the join row read 2.3-7.3x in three
        // runs).
        if (load.pid !== undefined) setPriority(load.pid, LOAD_NICE);
        let loaded: Phase;
        let summary = '';
        const done = new Promise<void>((resolve) => {
          load.stdout?.on('data', (d: Buffer) => (summary += d.toString()));
          load.once('exit', () => resolve());
        });
        try {
          // The imports and the feed build are under way before the measuring starts.
          await new Promise((r) => setTimeout(r, 2000));
          loaded = await measure(url, link.id as string);
        } catch (error) {
          const why = server.exitCode !== null ? `server exited ${server.exitCode}` : 'server up';
          throw new Error(`under load (${why}): ${stderrOf.get(server)?.() ?? ''}`, {
            cause: error,
          });
        } finally {
          await stop(load);
          await done;
        }
        out.push({ idle, loaded, load: summary.trim() });
      }
      return out;
    } finally {
      await own.close();
      await stop(server);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One import alone (from bytes, as the route runs it), both again and first into an empty store
 * (every link new), and one feed build alone (from the store's pages, as the feed route runs
 * it: read on the event loop, built in the job), through the pool and inline, alternating.
 */
async function alone(
  text: string,
): Promise<{ import: number[][]; first: number[][]; feed: number[][] }> {
  const dir = mkdtempSync(join(tmpdir(), 'callink-alone-bench-'));
  const pool = createJobPool({ workers: 1, queue: 4, timeoutMs: 300_000, maxMemoryMb: 4096 });
  const inline = inlineJobs();
  const store = await createSqliteStore({ dataDir: join(dir, 'import') });
  let feedStore: Awaited<ReturnType<typeof openBenchStore>> | undefined;
  try {
    await fillBenchStore(dir, FEED_EVENTS);
    feedStore = await openBenchStore(dir);
    const team = await feedStore.store.teams.get(TEAM);
    if (!team) throw new Error('bench store not filled');
    // As the feed route builds it: the store's pages as they are read, the build in the job.
    const feedDeps = { store: feedStore.store, publicUrl: PUBLIC_URL };
    const pages = () => teamFeedPages(feedDeps, team, new Date());
    const deps = {
      store,
      clock: systemClock,
      ids: cryptoIds,
      publicUrl: PUBLIC_URL,
      policy: DEFAULT_POLICY,
    };
    const time = async (f: () => Promise<unknown>) => {
      const t0 = performance.now();
      await f();
      return performance.now() - t0;
    };
    const bytes = Buffer.from(text, 'utf8');
    const runs = {
      import: [[], []] as number[][],
      first: [[], []] as number[][],
      feed: [[], []] as number[][],
    };
    // The first round warms both paths (JIT, the worker's modules, the links remembered).
    for (let round = 0; round < ALONE_ROUNDS + 1; round++) {
      // Which path goes first alternates by round, so a drift in the machine's speed (it
      // swings by half on this VM) falls on both alike.
      const both = async (a: () => Promise<unknown>, b: () => Promise<unknown>) => {
        if (round % 2 === 0) return [await time(a), await time(b)];
        const second = await time(b);
        return [await time(a), second];
      };
      // From the request's bytes, given up, as the import route runs it (the copy made here,
      // outside the times: the pool moves its copy to the worker and leaves it empty).
      const importInto = (jobs: typeof inline, into: typeof store) => {
        const copy = new Uint8Array(bytes);
        const d = { ...deps, store: into };
        return () => jobs.importBytes(d, { bytes: copy, giveUp: true }, { mode: 'all' }, null);
      };
      const imp = await both(importInto(pool, store), importInto(inline, store));
      // The same calendar's first import, every link new (a fresh store for each path): here
      // the linking on the event loop is long, and the pool patches while it links.
      const firstPool = await createSqliteStore({ dataDir: join(dir, `first-${round}-pool`) });
      const firstInline = await createSqliteStore({ dataDir: join(dir, `first-${round}-inline`) });
      const first = await both(importInto(pool, firstPool), importInto(inline, firstInline));
      await Promise.all([firstPool.close(), firstInline.close()]);
      const feed = await both(
        () => pool.feedPages(team.name, pages()),
        () => inline.feedPages(team.name, pages()),
      );
      if (round === 0) continue;
      imp.forEach((ms, i) => runs.import[i]?.push(ms));
      first.forEach((ms, i) => runs.first[i]?.push(ms));
      feed.forEach((ms, i) => runs.feed[i]?.push(ms));
    }
    return runs;
  } finally {
    await pool.close();
    await store.close();
    await feedStore?.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function (): Promise<BenchResult[]> {
  const began = performance.now();
  const left = () => BUDGET_S - (performance.now() - began) / 1000;
  const skipped: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'callink-ics-load-'));
  const lk = await startLivekit();
  try {
    const text = generateCalendar(IMPORT_EVENTS);
    const icsFile = join(dir, 'big.ics');
    writeFileSync(icsFile, text);
    const mb = (Buffer.byteLength(text) / 2 ** 20).toFixed(1);
    // In order of importance; each needs about a minute on a quiet machine.
    const pool = await isolation('pool', lk, icsFile, ROUNDS);
    const one = left() > 60 ? await alone(text) : (skipped.push('one job alone'), undefined);
    const inline =
      left() > 60
        ? await isolation('inline', lk, icsFile, INLINE_ROUNDS)
        : (skipped.push('inline isolation'), undefined);
    const note = `load: 4 × ${mb} MB imports in a loop + one cold ${FEED_EVENTS}-event feed per round; rounds of an idle phase then a loaded one, ${PHASE_S} s each, probes every ${PROBE_EVERY_MS} ms (joins and /healthz each); 2 cores shared by the server process (event loop + 1 pool worker thread at nice 19), livekit-server, the load process (4 importers, 1 feed client; nice ${LOAD_NICE}) and this process (the probes); load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]} at the end`;
    const rows: BenchResult[] = [];
    const said = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
    for (const [label, rounds] of [
      ['pool', pool],
      ['inline (before #18)', inline],
    ] as const) {
      if (!rounds) continue;
      /**
       * A latency row: the p99 over every probe of all rounds' loaded phases against the same
       * over their idle phases (a p99 of rounds × 240 probes), and every round's own ratio.
       */
      const row = (name: string, of: (p: Phase) => number[], extra = '') => {
        const p99 = (phases: Phase[]) =>
          percentile(
            phases.flatMap(of).sort((a, b) => a - b),
            99,
          );
        const ratios = rounds.map((r) => p99([r.loaded]) / Math.max(p99([r.idle]), 1));
        const value = p99(rounds.map((r) => r.loaded));
        const baseline = p99(rounds.map((r) => r.idle));
        return {
          name,
          value,
          unit: 'ms',
          baseline,
          ratio: value / Math.max(baseline, 1),
          note: [`p99 over ${rounds.length} rounds; each round's own ratio: ${said(ratios)}`, extra]
            .filter(Boolean)
            .join('; '),
        } satisfies BenchResult;
      };
      /** The loop delay: /metrics gives a p99 per phase; the median of the rounds'. */
      const loopRow = (name: string) => {
        const ratios = rounds.map((r) => r.loaded.loopP99 / Math.max(r.idle.loopP99, 0.001));
        return {
          name,
          value: median(rounds.map((r) => r.loaded.loopP99)),
          unit: 'ms',
          baseline: median(rounds.map((r) => r.idle.loopP99)),
          ratio: median(ratios),
          note: `medians of ${rounds.length} rounds' p99s (from /metrics, per phase); ratio: the median of the rounds' ratios (${said(ratios)})`,
        } satisfies BenchResult;
      };
      const bad = rounds
        .flatMap((r, i) => [
          r.idle.bad && `round ${i + 1} idle: ${r.idle.bad}`,
          r.loaded.bad && `round ${i + 1} loaded: ${r.loaded.bad}`,
        ])
        .filter(Boolean);
      rows.push(
        row(
          `join p99 under heavy load, ${label} (baseline: same server idle; goal <= 2)`,
          (p) => p.joinMs,
          [note, `load per round: ${rounds.map((r) => r.load).join(' ')}`, ...bad].join('; '),
        ),
        row(
          `/healthz p99 under heavy load, ${label} (baseline: same server idle; goal <= 2)`,
          (p) => p.healthMs,
        ),
        loopRow(`event-loop delay p99 under heavy load, ${label} (baseline: idle)`),
      );
    }
    if (one) {
      const [poolImport, inlineImport] = one.import.map(median) as [number, number];
      const [poolFirst, inlineFirst] = one.first.map(median) as [number, number];
      const [poolFeed, inlineFeed] = one.feed.map(median) as [number, number];
      // Each round's pool run against the inline run next to it, then the median of those.
      const paired = (runs: number[][]) => {
        const [pool, inline] = runs as [number[], number[]];
        return pool.map((ms, i) => ms / (inline[i] as number));
      };
      const importRatios = paired(one.import);
      const firstRatios = paired(one.first);
      const feedRatios = paired(one.feed);
      rows.push(
        {
          name: `one ${mb} MB import alone through the pool, from the request's bytes as the route (baseline: inline; goal <= 1.1)`,
          value: poolImport,
          unit: 'ms',
          baseline: inlineImport,
          ratio: median(importRatios),
          note: `ratio: median of ${ALONE_ROUNDS} rounds' pool/inline ratios (${said(importRatios)}), after one warm-up each, the order alternating by round; values: medians; one process: the pool's one worker thread and the event loop (the inline runs) on 2 cores shared with the machine's other load`,
        },
        {
          name: `one ${mb} MB first import alone through the pool, every link new (baseline: inline; goal <= 1.1)`,
          value: poolFirst,
          unit: 'ms',
          baseline: inlineFirst,
          ratio: median(firstRatios),
          note: `ratio: median of ${ALONE_ROUNDS} rounds' pool/inline ratios (${said(firstRatios)}); each path into a fresh store each round; as above`,
        },
        {
          name: `one ${FEED_EVENTS}-event feed build alone through the pool, from the store's pages as the route (baseline: inline; goal <= 1.1)`,
          value: poolFeed,
          unit: 'ms',
          baseline: inlineFeed,
          ratio: median(feedRatios),
          note: `ratio: median of ${ALONE_ROUNDS} rounds' pool/inline ratios (${said(feedRatios)}); as above`,
        },
      );
    }
    if (skipped.length > 0) {
      rows.push({
        name: `isolation bench sections left out past its ${BUDGET_S} s budget (BENCH_ISOLATION_BUDGET_S)`,
        value: skipped.length,
        unit: 'sections',
        baseline: 3,
        ratio: skipped.length / 3,
        note: skipped.join(', '),
      });
    }
    return rows;
  } finally {
    await lk.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
