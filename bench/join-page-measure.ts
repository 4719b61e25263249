/**
 * Measures the join page and its baseline in real Chromium against a real LiveKit, inside the
 * loopback-only namespace: bytes downloaded before the browser verdict (cold cache), and
 * milliseconds from clicking Join to `joined` (median of 10). Run by join-page.bench.ts.
 */
import type { Browser } from 'playwright-core';
import { createLivekitRooms } from '../src/adapters/livekit/rooms.js';
import { startTestApp } from '../test/support/app.js';
import { launchChromium } from '../test/support/browser.js';
import { startLivekit } from '../test/support/livekit.js';
import { webAppOptions } from '../test/support/web.js';
import { buildBaseline } from './join-page-baseline.js';
import { median } from './types.js';

const RUNS = 10;

/**
 * Records, inside the page, bytes at the verdict and the time of each state and of the click.
 * A string, not a function: tsx would wrap a function in helpers the page does not have.
 */
const PROBE = `
  const times = {};
  window.__times = times;
  const bytes = () => performance.getEntries().reduce((sum, e) => sum + (e.transferSize || 0), 0);
  new MutationObserver(() => {
    const state = document.body && document.body.dataset.state;
    if (!state || state in times) return;
    times[state] = performance.now();
    if (state !== 'checking' && window.__verdictBytes === undefined) window.__verdictBytes = bytes();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-state'] });
  document.addEventListener('click', () => { if (!times.click) times.click = performance.now(); }, true);
`;

async function measure(browser: Browser, pageUrl: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript({ content: PROBE });
  await page.goto(pageUrl);
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
  // Let the background network check settle, as a person reading the page would.
  await page.waitForFunction(
    () => !/Checking/.test(document.getElementById('network')?.textContent ?? ''),
    undefined,
    { timeout: 10_000 },
  );
  await page.getByLabel('Your name').fill('Bench');
  await page.getByRole('button', { name: /^Join/ }).click();
  await page.waitForFunction(() => document.body.dataset.state === 'joined', undefined, {
    timeout: 20_000,
  });
  const r = await page.evaluate(() => {
    const w = window as unknown as { __times: Record<string, number>; __verdictBytes: number };
    return {
      bytes: w.__verdictBytes,
      joinMs: (w.__times.joined ?? NaN) - (w.__times.click ?? NaN),
    };
  });
  await context.close();
  return r;
}

export async function measureJoinPage() {
  const baselineDir = await buildBaseline();
  const lk = await startLivekit();
  const rooms = createLivekitRooms({ ...lk, loopback: true });
  const env = { CALLINK_JOIN_PAGES_PER_MINUTE: '10000' };
  const ours = await startTestApp({
    appOptions: { ...webAppOptions(), mediaUrl: lk.url },
    overrides: { rooms },
    env,
  });
  const base = await startTestApp({
    appOptions: { ...webAppOptions(baselineDir), mediaUrl: lk.url },
    overrides: { rooms },
    env,
  });
  const browser = await launchChromium({ webrtc: true });
  const out = {
    ours: { bytes: [] as number[], joinMs: [] as number[] },
    base: { bytes: [] as number[], joinMs: [] as number[] },
  };
  try {
    for (let i = 0; i < RUNS; i++) {
      // Alternate, so that drift on a shared machine hits both alike.
      for (const [app, into] of [
        [ours, out.ours],
        [base, out.base],
      ] as const) {
        const res = await app.api('/api/links', { method: 'POST', json: { title: 'bench' } });
        const { id } = (await res.json()) as { id: string };
        const r = await measure(browser, `${app.url}/j/${id}`);
        into.bytes.push(r.bytes);
        into.joinMs.push(r.joinMs);
      }
    }
  } finally {
    await browser.close();
    await ours.close();
    await base.close();
    await lk.stop();
  }
  return {
    bytes: { ours: median(out.ours.bytes), base: median(out.base.bytes) },
    joinMs: { ours: median(out.ours.joinMs), base: median(out.base.joinMs) },
  };
}

if (process.argv[1]?.endsWith('join-page-measure.ts')) {
  console.log(JSON.stringify(await measureJoinPage()));
}
