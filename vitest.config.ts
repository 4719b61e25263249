import { defineConfig } from 'vitest/config';

/**
 * Files that each run a call of many browsers (up to 8 people with video), or a cluster of
 * LiveKit nodes: on 2 cores two of them at once starved each other's WebRTC (full runs: the
 * 8-person pager and an E2EE key hand-over timed out; across the cluster's nodes one person's
 * video never came). They run last, one at a time, after everything else ran two at a time.
 */
const ALONE = [
  'test/e2e/call-media.test.ts',
  'test/e2e/call-blur.test.ts',
  'test/e2e/e2ee-call.test.ts',
  'test/e2e/cluster.test.ts',
];

/** What both projects share (the global setup is the root's alone: it runs once, for both). */
const shared = {
  pool: 'forks',
  testTimeout: 30_000,
  // expect.poll waits for what a real server, browser or mailbox does; its own default (1 s)
  // is shorter than a busy 2-core CI run can take to get there. Only a failure waits longer.
  expect: { poll: { timeout: 10_000 } },
  hookTimeout: 120_000,
} as const;

export default defineConfig({
  test: {
    // One real PostgreSQL and LiveKit for the whole run, provided to both projects.
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default'],
    projects: [
      {
        test: {
          ...shared,
          name: 'two-at-a-time',
          include: ['test/**/*.test.ts'],
          exclude: ALONE,
          // Two cores: real servers and browsers per file, so keep files from piling up.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'alone',
          include: ALONE,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
