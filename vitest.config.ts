import { defineConfig } from 'vitest/config';

/**
 * Files that run calls between real browsers over WebRTC (up to 8 people with video), or a
 * cluster of LiveKit nodes. Two of them at once on 2 cores starve each other's media: in full
 * runs on a loaded machine the 8-person pager, an E2EE key hand-over, video across the cluster's
 * nodes, a lobby admit and a chat message each timed out once, always beside another such file.
 * They run last, one at a time, after everything else ran two at a time. (Two CPU-bound call
 * files at once gain nothing on 2 cores: alone, e2ee-call took 253 s instead of 385 s.)
 */
const ALONE = [
  'test/e2e/call-blur.test.ts',
  'test/e2e/call-layout.test.ts',
  'test/e2e/call-media.test.ts',
  'test/e2e/call-signals.test.ts',
  'test/e2e/call.test.ts',
  'test/e2e/cluster.test.ts',
  'test/e2e/e2ee-call.test.ts',
  'test/e2e/join-page-firefox.test.ts',
  'test/e2e/join-page.test.ts',
  'test/e2e/rsvp-scenario.test.ts',
  'test/e2e/wait-for-host.test.ts',
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
