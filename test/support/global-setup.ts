/**
 * Starts the shared real services once for the whole run and hands their addresses to the
 * tests through vitest's provide/inject.
 */
import type { TestProject } from 'vitest/node';
import { assertNoLeftovers, markRun } from './leftovers.js';
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
let runId: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Set before any test process starts, so everything the run starts inherits it.
  runId = markRun();
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
  // Fails the run, naming them, when a server, LiveKit, browser or database outlived it.
  if (!runId) return;
  try {
    await assertNoLeftovers(runId, 'The test run');
  } catch (error) {
    // vitest reports a teardown error but keeps its exit code: make the run fail.
    process.exitCode = 1;
    throw error;
  }
}
