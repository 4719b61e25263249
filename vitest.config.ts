import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Two cores: real servers and browsers per file, so keep files from piling up.
    maxWorkers: 2,
    testTimeout: 30_000,
    // expect.poll waits for what a real server, browser or mailbox does; its own default (1 s)
    // is shorter than a busy 2-core CI run can take to get there. Only a failure waits longer.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
