/**
 * Event-loop health and the job pool in /metrics: the loop's delay (p99 and max since the last
 * scrape, from monitorEventLoopDelay), jobs waiting and running, and jobs refused or killed.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Counter, Gauge } from 'prom-client';
import type { Jobs } from '../jobs/jobs.js';
import type { Metrics } from './metrics.js';

// One per process: the loop is the process's, however many apps (tests) it holds.
let loop: IntervalHistogram | undefined;
function loopDelay(): IntervalHistogram {
  if (!loop) {
    loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
  }
  return loop;
}

export function watchLoadMetrics(metrics: Metrics, jobs: Jobs | undefined): void {
  // Apps sharing one Metrics (tests) register these once.
  if (metrics.registry.getSingleMetric('callink_event_loop_delay_p99_seconds')) return;
  const registers = [metrics.registry];
  const histogram = loopDelay();
  // Read p99 and max together, then start a new window: the next scrape sees its own.
  let window: { p99: number; max: number } | undefined;
  const take = (which: 'p99' | 'max') => {
    if (!window) {
      window = {
        p99: histogram.count > 0 ? histogram.percentile(99) / 1e9 : 0,
        max: histogram.count > 0 ? histogram.max / 1e9 : 0,
      };
      histogram.reset();
      queueMicrotask(() => (window = undefined));
    }
    return window[which];
  };
  new Gauge({
    name: 'callink_event_loop_delay_p99_seconds',
    help: 'Event-loop delay, 99th percentile since the last scrape',
    registers,
    collect() {
      this.set(take('p99'));
    },
  });
  new Gauge({
    name: 'callink_event_loop_delay_max_seconds',
    help: 'Event-loop delay, maximum since the last scrape',
    registers,
    collect() {
      this.set(take('max'));
    },
  });
  if (!jobs) return;
  new Gauge({
    name: 'callink_jobs_queued',
    help: 'Heavy jobs (import, lint, feed builds) waiting for a worker',
    registers,
    collect() {
      this.set(jobs.stats().queued);
    },
  });
  new Gauge({
    name: 'callink_jobs_running',
    help: 'Heavy jobs running in workers now',
    registers,
    collect() {
      this.set(jobs.stats().running);
    },
  });
  new Gauge({
    name: 'callink_job_workers',
    help: 'Worker threads in the job pool (0: jobs run inline)',
    registers,
    collect() {
      this.set(jobs.stats().workers);
    },
  });
  new Counter({
    name: 'callink_jobs_refused_total',
    help: 'Heavy jobs refused with 503 busy because the queue was full',
    registers,
    collect() {
      this.reset();
      this.inc(jobs.stats().refused);
    },
  });
  new Counter({
    name: 'callink_jobs_killed_total',
    help: 'Heavy jobs killed with their worker, by reason (timeout, memory, crash)',
    labelNames: ['reason'],
    registers,
    collect() {
      const { killed } = jobs.stats();
      this.reset();
      for (const reason of ['timeout', 'memory', 'crash'] as const) {
        this.inc({ reason }, killed[reason]);
      }
    },
  });
}
