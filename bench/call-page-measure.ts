/**
 * Measures the call against the previous call page (call-page-previous.ts) in real Chromium
 * against a real LiveKit, inside the loopback-only namespace: gzip bytes of the call bundle,
 * and milliseconds from clicking Join to the first decoded frame of a remote video (median of
 * 10, the two pages alternating so drift hits both alike). Run by call-page.bench.ts.
 */
import { resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { createLivekitRooms } from '../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { launchChromium } from '../test/support/browser.js';
import { startLivekit } from '../test/support/livekit.js';
import { webAppOptions } from '../test/support/web.js';
import { webConfig } from '../vite.config.js';
import { callBundleGzipBytes } from './call-bundle.js';
import { buildPrevious } from './call-page-previous.js';
import { median } from './types.js';

const RUNS = Number(process.env.CALLINK_BENCH_RUNS ?? 10);
const root = resolve(import.meta.dirname, '..');
const CURRENT_DIR = resolve(root, 'dist/bench-current');

/** Time of the click, and of the first frame of any remote participant's video (a string: see join-page-measure.ts). */
const PROBE = `
  window.__t = {};
  document.addEventListener('click', () => { if (!window.__t.click) window.__t.click = performance.now(); }, true);
  const look = () => {
    const v = [...document.querySelectorAll('[data-participant] video')].find((v) => v.videoWidth > 0);
    if (v && window.__t.click && !window.__t.frame) window.__t.frame = performance.now();
    if (!window.__t.frame) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
`;

async function joinOnce(browser: Browser, url: string, name: string, probe: boolean) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (probe) await page.addInitScript({ content: PROBE });
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
  await page.waitForFunction(
    () => !/Checking/.test(document.getElementById('network')?.textContent ?? ''),
    undefined,
    { timeout: 10_000 },
  );
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Join/ }).click();
  await page.waitForFunction(() => document.body.dataset.state === 'joined', undefined, {
    timeout: 20_000,
  });
  return { context, page };
}

async function firstFrameMs(browser: Browser, app: TestApp): Promise<number> {
  const res = await app.api('/api/links', { method: 'POST', json: { title: 'bench' } });
  const { id } = (await res.json()) as { id: string };
  const url = `${app.url}/j/${id}`;
  const open: BrowserContext[] = [];
  try {
    const other = await joinOnce(browser, url, 'Sender', false);
    open.push(other.context);
    const me = await joinOnce(browser, url, 'Bench', true);
    open.push(me.context);
    await me.page.waitForFunction(
      () => (window as unknown as { __t: { frame?: number } }).__t.frame,
      undefined,
      {
        timeout: 30_000,
      },
    );
    return await me.page.evaluate(() => {
      const t = (window as unknown as { __t: { click: number; frame: number } }).__t;
      return t.frame - t.click;
    });
  } finally {
    await Promise.all(open.map((c) => c.close()));
  }
}

export async function measureCallPage() {
  await build({
    ...webConfig(CURRENT_DIR, { join: resolve(root, 'web/join/index.html') }),
    configFile: false,
    logLevel: 'warn',
  });
  const previousDir = await buildPrevious();
  const bundle = { ours: callBundleGzipBytes(CURRENT_DIR), base: callBundleGzipBytes(previousDir) };
  const lk = await startLivekit();
  const rooms = createLivekitRooms({ ...lk, loopback: true });
  const env = { CALLINK_JOIN_PAGES_PER_MINUTE: '10000' };
  const ours = await startTestApp({
    appOptions: { ...webAppOptions(CURRENT_DIR), mediaUrl: lk.url },
    overrides: { rooms },
    env,
  });
  const base = await startTestApp({
    appOptions: { ...webAppOptions(previousDir), mediaUrl: lk.url },
    overrides: { rooms },
    env,
  });
  const browser = await launchChromium({ webrtc: true });
  const frame = { ours: [] as number[], base: [] as number[] };
  try {
    for (let i = 0; i < RUNS; i++) {
      frame.ours.push(await firstFrameMs(browser, ours));
      frame.base.push(await firstFrameMs(browser, base));
    }
  } finally {
    await browser.close();
    await ours.close();
    await base.close();
    await lk.stop();
  }
  return { bundle, frameMs: { ours: median(frame.ours), base: median(frame.base) } };
}

if (process.argv[1]?.endsWith('call-page-measure.ts')) {
  console.log(JSON.stringify(await measureCallPage()));
}
