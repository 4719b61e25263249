/**
 * The join benchmark's server, composed as main.ts composes it (SQLite store, the policy
 * reader, a real LiveKit, access logs at the configured level to stdout, the built web pages
 * when they exist), with the public rate limits raised so the bench never trips them (the
 * limiters still run and count every join). Used by join-server-child.ts, profile-join.ts and
 * (with its worker pool or inline jobs, without the web pages) load-server-child.ts.
 */
import type { Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hashSecret } from '../src/adapters/auth/secrets.js';
import { createApp } from '../src/adapters/http/app.js';
import type { Jobs } from '../src/adapters/jobs/jobs.js';
import { createJoinPageRenderer, DEFAULT_WEB_DIR } from '../src/adapters/http/web-build.js';
import { createLivekitRooms } from '../src/adapters/livekit/rooms.js';
import { createSqliteStore } from '../src/adapters/store/sqlite.js';
import { cryptoIds, systemClock } from '../src/adapters/system/clock.js';
import { loadConfig } from '../src/config.js';
import { policyReader } from '../src/core/usecases/policy.js';
import { createLogger } from '../src/logger.js';
import { TEST_TOKEN } from '../test/support/app.js';

export interface JoinServer {
  url: string;
  /** A link with room for 100, to join in the bench. */
  linkId: string;
  close(): Promise<void>;
}

export interface JoinServerOptions {
  /** The app's jobs (a worker pool, or inline); none by default, as in the join bench. */
  jobs?: (config: ReturnType<typeof loadConfig>, logger: ReturnType<typeof createLogger>) => Jobs;
  /** The log level; default: the configured one. */
  logLevel?: string;
  /** Serve the built web pages when they exist (default true). */
  web?: boolean;
}

export async function startJoinServer(
  dir: string,
  env: NodeJS.ProcessEnv,
  options: JoinServerOptions = {},
): Promise<JoinServer> {
  const config = loadConfig({ ...env, PORT: '0', CALLINK_DATA_DIR: dir });
  const logger = createLogger(options.logLevel ?? config.logLevel);
  const store = await createSqliteStore({ dataDir: dir });
  const lk = config.livekit;
  if (!lk) throw new Error('LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET are needed');
  const jobs = options.jobs?.(config, logger);
  const web = options.web !== false && existsSync(join(DEFAULT_WEB_DIR, 'join', 'index.html'));
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
      ...(jobs ? { jobs } : {}),
    },
    {
      rateLimits: { joinPerIp: 1e9, joinPerLink: 1e9, pollPerIp: 1e9 },
      ...(web
        ? { webDir: DEFAULT_WEB_DIR, renderJoinPage: createJoinPageRenderer(DEFAULT_WEB_DIR) }
        : {}),
    },
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.keepAliveTimeout = 65_000; // as main.ts
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const res = await fetch(`${url}/api/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ maxParticipants: 100 }),
  });
  const { id } = (await res.json()) as { id: string };
  return {
    url,
    linkId: id,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await jobs?.close();
      await store.close();
    },
  };
}
