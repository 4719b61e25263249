/**
 * The server for the load benchmarks, in its own process so the load generator does not share
 * its event loop: the join bench's server (join-server.ts, composed as main.ts composes the
 * app, real LiveKit named by LIVEKIT_*, public rate limits lifted) with the worker pool or
 * inline jobs, logging warnings only, without the web pages. argv: DIR pool|inline. Prints
 * {"url"} when listening; SIGTERM closes it.
 */
import { inlineJobs } from '../src/adapters/jobs/jobs.js';
import { createJobPool } from '../src/adapters/jobs/pool.js';
import { startJoinServer } from './join-server.js';

const [dir, mode] = process.argv.slice(2) as [string, 'pool' | 'inline'];
const server = await startJoinServer(dir, process.env, {
  jobs: (config, logger) =>
    mode === 'pool' ? createJobPool({ ...config.jobs, logger }) : inlineJobs(),
  logLevel: 'warn',
  web: false,
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
