/**
 * Starts the shared real services once for the whole run and hands their addresses to the
 * tests through vitest's provide/inject.
 */
import type { TestProject } from 'vitest/node';
import { removeCluster, startPostgres, type PgCluster } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

let pg: PgCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  pg = await startPostgres();
  project.provide('pgUrl', pg.url);
}

export async function teardown(): Promise<void> {
  if (pg) {
    await pg.stop();
    removeCluster(pg);
  }
}
