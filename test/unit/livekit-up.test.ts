/**
 * The media server's health as /healthz and /readyz see it (routes/health.ts sharedProbe): at
 * most one probe per second, shared; an answer up to 5 s old given at once while a fresh probe
 * runs; an older one never given.
 */
import { describe, expect, it } from 'vitest';
import { sharedProbe } from '../../src/adapters/http/routes/health.js';

function server() {
  const state = { asks: 0, healthy: true, now: 1_000_000 };
  const probe = async () => {
    state.asks++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (!state.healthy) throw new Error('connection refused');
    return true;
  };
  return { state, up: sharedProbe(probe, () => state.now) };
}

describe('media server health for the health routes', () => {
  it('shares one probe among concurrent asks and reuses it for a second', async () => {
    const { state, up } = server();
    expect(await Promise.all([up(), up(), up()])).toEqual([true, true, true]);
    state.now += 999;
    expect(await up()).toBe(true);
    expect(state.asks).toBe(1);
  });

  it('answers at once from a probe 1-5 s old, and the fresh probe decides the next answer', async () => {
    const { state, up } = server();
    expect(await up()).toBe(true);
    state.healthy = false;
    state.now += 2000;
    expect(await up()).toBe(true); // the last answer, while a fresh probe runs
    expect(state.asks).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await up()).toBe(false); // a failed probe answers false, never throws
    expect(state.asks).toBe(2);
  });

  it('never gives an answer more than 5 s old: it waits for the probe', async () => {
    const { state, up } = server();
    expect(await up()).toBe(true);
    state.healthy = false;
    state.now += 6000;
    expect(await up()).toBe(false);
    expect(state.asks).toBe(2);
  });
});
