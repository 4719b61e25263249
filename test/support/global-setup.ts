/**
 * Starts the shared real services once for the whole run and hands their addresses to the
 * tests through vitest's provide/inject.
 */
import type { TestProject } from 'vitest/node';
import { startLivekit, type TestLivekit } from './livekit.js';
import { removeCluster, startPostgres, type PgCluster } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    /** A shared livekit-server; tests that kill LiveKit start their own with startLivekit(). */
    livekit: { url: string; apiKey: string; apiSecret: string };
  }
}

let pg: PgCluster | undefined;
let livekit: TestLivekit | undefined;

export async function setup(project: TestProject): Promise<void> {
  pg = await startPostgres();
  project.provide('pgUrl', pg.url);
  livekit = await startLivekit();
  project.provide('livekit', {
    url: livekit.url,
    apiKey: livekit.apiKey,
    apiSecret: livekit.apiSecret,
  });
}

export async function teardown(): Promise<void> {
  await livekit?.stop();
  if (pg) {
    await pg.stop();
    removeCluster(pg);
  }
}
