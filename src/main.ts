/**
 * Composition root of the server: config → adapters → app → listen. Graceful on SIGTERM.
 */
import type { Server } from 'node:http';
import { ConfigError, loadConfig, redactConfig, type Config } from './config.js';
import { loadAdminToken } from './adapters/auth/admin-token.js';
import { createApp } from './adapters/http/app.js';
import { createJobPool } from './adapters/jobs/pool.js';
import { createJoinPageRenderer, DEFAULT_WEB_DIR } from './adapters/http/web-build.js';
import { createMediaServer } from './adapters/livekit/setup.js';
import { startOutboxWorker } from './adapters/mail/outbox-worker.js';
import { createSmtpSender } from './adapters/mail/transport.js';
import { connectRedis } from './adapters/redis/redis.js';
import { createStore } from './adapters/store/index.js';
import { startReplyReader } from './adapters/imap/reply-reader.js';
import { hashSecret } from './adapters/auth/secrets.js';
import { queueStartingMails } from './core/usecases/starting-mail.js';
import { cryptoIds, systemClock } from './adapters/system/clock.js';
import { policyReader } from './core/usecases/policy.js';
import { createLogger } from './logger.js';

export interface Running {
  server: Server;
  close(): Promise<void>;
  /**
   * Ends child processes at once. For process 'exit': a forced exit (drain past 10 s) or any
   * other path out must not leave the media server running without its parent.
   */
  killChildren(): void;
}

export async function startServer(config: Readonly<Config>): Promise<Running> {
  const logger = createLogger(config.logLevel);
  const store = await createStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    migrationWaitMs: config.migrationWaitSeconds * 1000,
  });
  const admin = loadAdminToken({ dataDir: config.dataDir, fromEnv: config.adminToken });
  if (admin.generated) {
    // Printed once, to the terminal only; the data dir keeps a hash.
    process.stderr.write(
      `\n  callink admin token (shown once, keep it safe):\n\n    ${admin.generated}\n\n`,
    );
  }
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined;
  const media = createMediaServer(config, logger);
  // Heavy work off the event loop that admits people into calls.
  const jobs = createJobPool({ ...config.jobs, logger });
  const mailbox = config.imap
    ? startReplyReader({
        url: config.imap.mailboxUrl,
        moveTo: config.imap.moveTo,
        pollMs: config.imap.pollSeconds * 1000,
        store,
        clock: systemClock,
        logger,
      })
    : undefined;
  const app = createApp(
    {
      config,
      store,
      clock: systemClock,
      ids: cryptoIds,
      logger,
      adminTokenHash: admin.hash,
      // Checked per request (the row's stamp), parsed only when it changed: a change made by
      // any instance applies at once.
      policy: policyReader(store),
      rooms: media.rooms,
      verifyLivekitWebhook: media.verifyWebhook,
      redis,
      jobs,
      mailbox,
    },
    {
      livekitUp: media.up,
      ...(media.url ? { mediaUrl: media.url } : {}),
      renderJoinPage: createJoinPageRenderer(DEFAULT_WEB_DIR),
      webDir: DEFAULT_WEB_DIR,
    },
  );
  const outbox = config.smtpUrl
    ? startOutboxWorker({
        store,
        clock: systemClock,
        sender: createSmtpSender({ url: config.smtpUrl, from: config.mailFrom }),
        logger,
        leaseMs: config.outboxLeaseSeconds * 1000,
        // Polled well within a lease, so mail another worker gave up is picked up soon.
        intervalMs: Math.min(5000, (config.outboxLeaseSeconds * 1000) / 4),
      })
    : undefined;
  // "Starting now" mails of scheduled calls, queued into the outbox as each call opens.
  const starting = config.smtpUrl
    ? setInterval(() => {
        queueStartingMails({
          store,
          clock: systemClock,
          ids: cryptoIds,
          hashSecret,
          publicUrl: config.publicUrl,
        }).catch((err: unknown) => logger.error({ err }, 'starting-now mails failed'));
      }, 30_000)
    : undefined;
  starting?.unref();
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Not awaited: a first-time build of livekit-server must not hold up the rest.
  media.start(port).catch((error: unknown) => logger.error({ err: error }, 'LiveKit failed'));
  logger.info(
    { config: redactConfig(config), port },
    `callink listening on http://${config.host}:${port}`,
  );
  return {
    server,
    killChildren: () => media.killNow(),
    async close() {
      // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets at once.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
      try {
        await closed;
      } finally {
        clearInterval(idleSweep);
      }
      await media.stop();
      await jobs.close();
      if (starting) clearInterval(starting);
      await outbox?.stop();
      await redis?.close();
      await mailbox?.stop();
      await store.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Readonly<Config>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const running = await startServer(config);
  process.on('exit', () => running.killChildren());
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`callink: ${signal}, draining connections\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/main.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `callink failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
