/**
 * The server for the load benchmarks, in its own process so the load generator does not share
 * its event loop: the app as main.ts composes it (worker pool, real LiveKit named by LIVEKIT_*),
 * with the public rate limits lifted. argv: DIR pool|inline. Prints {"url"} when listening;
 * SIGTERM closes it.
 */
import type { Server } from 'node:http';
import { hashSecret } from '../src/adapters/auth/secrets.js';
import { createApp } from '../src/adapters/http/app.js';
import { inlineJobs } from '../src/adapters/jobs/jobs.js';
import { createJobPool } from '../src/adapters/jobs/pool.js';
import { createLivekitRooms } from '../src/adapters/livekit/rooms.js';
import { createSqliteStore } from '../src/adapters/store/sqlite.js';
import { cryptoIds, systemClock } from '../src/adapters/system/clock.js';
import { loadConfig } from '../src/config.js';
import { policyReader } from '../src/core/usecases/policy.js';
import { createLogger } from '../src/logger.js';
import { TEST_TOKEN } from '../test/support/app.js';

const [dir, mode] = process.argv.slice(2) as [string, 'pool' | 'inline'];
const config = loadConfig({ ...process.env, PORT: '0', CALLINK_DATA_DIR: dir });
const logger = createLogger('warn');
const store = await createSqliteStore({ dataDir: dir });
const jobs = mode === 'pool' ? createJobPool({ ...config.jobs, logger }) : inlineJobs();
const lk = config.livekit;
if (!lk) throw new Error('LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET are needed');
const app = createApp(
  {
    config,
    store,
    clock: systemClock,
    ids: cryptoIds,
    logger,
    adminTokenHash: hashSecret(TEST_TOKEN),
    policy: policyReader(store),
    rooms: createLivekitRooms({ ...lk, loopback: true }),
    jobs,
  },
  { rateLimits: { joinPerIp: 1e9, joinPerLink: 1e9, pollPerIp: 1e9 } },
);
const server = await new Promise<Server>((resolve) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
});
const { port } = server.address() as { port: number };
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    void jobs
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  });
});
