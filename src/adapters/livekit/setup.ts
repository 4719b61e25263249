/**
 * Chooses the media server for the service: the external LiveKit named in the config, or a
 * local loopback livekit-server supervised as a child process (built with `go install`
 * when missing and Go is there). Without either, calls are unavailable and everything else
 * still works.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Rooms } from '../../core/ports.js';
import { createFailoverRooms } from './failover.js';
import { createLivekitRooms, createWebhookVerifier } from './rooms.js';
import {
  buildLivekit,
  findLivekitBinary,
  goBinDir,
  superviseLivekit,
  type LivekitSupervisor,
} from './server.js';

export interface MediaServer {
  /** Where browsers connect (for the CSP's connect-src). */
  url: string | undefined;
  rooms: Rooms | undefined;
  /** Answers quickly (1 s timeout), for /healthz. */
  up: () => Promise<boolean>;
  verifyWebhook: ReturnType<typeof createWebhookVerifier> | undefined;
  /** Starts the local server once the HTTP port (for its webhooks) is known. */
  start(httpPort: number): Promise<void>;
  stop(): Promise<void>;
  /** Ends a local server at once (SIGKILL), for exits that cannot wait for stop(). */
  killNow(): void;
}

export function createMediaServer(config: Readonly<Config>, logger: Logger): MediaServer {
  if (config.livekit) {
    const lk = config.livekit;
    // LIVEKIT_URL may name several nodes of one cluster: joins move on to the next when one
    // is unavailable, and the instance is ready while any of them answers.
    const node = (url: string, timeoutSeconds?: number) =>
      createLivekitRooms({
        ...lk,
        url,
        // A node on this machine's loopback is reached over loopback only: no public STUN.
        loopback: /^\w+:\/\/(127\.[\d.]+|localhost|\[::1\])(:\d+)?(\/|$)/.test(url),
        ...(timeoutSeconds ? { timeoutSeconds } : {}),
      });
    const health = createFailoverRooms(lk.urls.map((u) => node(u, 1)));
    return {
      url: lk.url,
      rooms: createFailoverRooms(lk.urls.map((u) => node(u))),
      up: () => health.up(),
      verifyWebhook: createWebhookVerifier(lk.apiKey, lk.apiSecret),
      start: async () => undefined,
      stop: async () => undefined,
      killNow: () => undefined,
    };
  }
  // Keys are made fresh for each run of the service; the server restarts with the service.
  const apiKey = `lk${randomBytes(6).toString('hex')}`;
  const apiSecret = randomBytes(32).toString('base64url');
  const port = config.localLivekit.port;
  const creds = { url: `ws://127.0.0.1:${port}`, apiKey, apiSecret };
  const health = createLivekitRooms({ ...creds, loopback: true, timeoutSeconds: 1 });
  let supervisor: LivekitSupervisor | undefined;
  let stopped = false;
  return {
    url: creds.url,
    rooms: createLivekitRooms({ ...creds, loopback: true }),
    up: () => (supervisor ? health.up() : Promise.resolve(false)),
    verifyWebhook: createWebhookVerifier(apiKey, apiSecret),
    async start(httpPort) {
      let bin = await findLivekitBinary({
        explicit: config.localLivekit.bin,
        searchPath: config.localLivekit.searchPath,
      });
      if (!bin && config.localLivekit.bin) {
        logger.error(
          { bin: config.localLivekit.bin },
          'CALLINK_LIVEKIT_BIN is not an executable file: calls are unavailable',
        );
        return;
      }
      if (!bin) {
        if (!(await goBinDir())) {
          logger.warn(
            'livekit-server is not installed and Go is not available to build it: calls are unavailable. Set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to use another LiveKit.',
          );
          return;
        }
        logger.warn('livekit-server is missing: building it with go install (a few minutes)…');
        const t0 = Date.now();
        bin = await buildLivekit().catch((error: unknown) => {
          logger.error(
            { err: error },
            'go install of livekit-server failed: calls are unavailable',
          );
          return undefined;
        });
        if (!bin) return;
        logger.info({ seconds: Math.round((Date.now() - t0) / 1000) }, 'built livekit-server');
      }
      if (stopped) return;
      supervisor = superviseLivekit(
        {
          bin,
          dir: join(config.dataDir, 'livekit'),
          port,
          apiKey,
          apiSecret,
          webhookUrl: `http://127.0.0.1:${httpPort}/livekit/webhook`,
        },
        logger,
      );
    },
    async stop() {
      stopped = true;
      await supervisor?.stop();
    },
    killNow() {
      stopped = true;
      supervisor?.killNow();
    },
  };
}
