/**
 * Measures E2EE calls in real Chromium against a real LiveKit, inside the loopback-only
 * namespace: (1) host clicks Admit → the guest's page plays the host's decrypted video, median
 * of 10, for an E2EE key-exchange link against a plain lobby link (runs alternate); (2) with 5
 * people in an E2EE call, host clicks Remove → every remaining page has the new key and decodes
 * the host's video again, against the removed person's tile leaving those pages (the removal
 * itself), median of 5 (e2ee-rotation.ts).
 * Run by e2ee.bench.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { createLivekitRooms } from '../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { launchChromium } from '../test/support/browser.js';
import { startLivekit } from '../test/support/livekit.js';
import { webAppOptions } from '../test/support/web.js';
import { rotationRound } from './e2ee-rotation.js';
import { median } from './types.js';

/** CALLINK_BENCH_E2EE_ADMITS=0 measures only the rotation (a quicker run). */
const ADMITS = Number(process.env.CALLINK_BENCH_E2EE_ADMITS ?? 10);
/** Removals measured (CALLINK_BENCH_E2EE_ROTATIONS), median reported. */
const ROTATIONS = Number(process.env.CALLINK_BENCH_E2EE_ROTATIONS ?? 5);

async function open(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 640, height: 480 } });
  // Two cores shared by everything: generous, and every wait is on page state.
  context.setDefaultTimeout(120_000);
  return context.newPage();
}

async function enter(page: Page, url: string, name: string, state: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
  await page.waitForFunction(
    () =>
      document.body.dataset.state === 'blocked' ||
      !/Checking/.test(document.getElementById('network')?.textContent ?? ''),
  );
  if ((await page.evaluate(() => document.body.dataset.state)) === 'blocked') {
    // Re-rendered when the check ends: click without waiting for it to hold still.
    await page.getByRole('button', { name: 'Try to join anyway' }).click({ force: true });
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
  }
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Join/ }).click();
  await page.waitForFunction((s) => document.body.dataset.state === s, state);
}

const playsVideoOf = (page: Page, name: string) =>
  page.waitForFunction(
    (n) =>
      [...document.querySelectorAll<HTMLElement>('[data-participant]')].some(
        (tile) =>
          (tile.querySelector('figcaption')?.textContent ?? '').includes(n) &&
          [...tile.querySelectorAll('video')].some((v) => v.videoWidth > 0 && !v.paused),
      ),
    name,
    { polling: 'raf' },
  );

async function hostedLink(app: TestApp, body: Record<string, unknown>) {
  const link = (await (await app.api('/api/links', { method: 'POST', json: body })).json()) as {
    id: string;
  };
  const key = (await (
    await app.api(`/api/links/${link.id}/host-key`, { method: 'POST' })
  ).json()) as { hostUrl: string };
  return {
    url: `${app.url}/j/${link.id}`,
    hostUrl: `${app.url}/j/${link.id}#${key.hostUrl.split('#')[1]}`,
  };
}

/** CALLINK_BENCH_E2EE_CONSOLE=1: a page's console errors and warnings (LiveKit's E2EE ones) on stderr. */
function echoProblems(page: Page, who: string): void {
  if (!process.env.CALLINK_BENCH_E2EE_CONSOLE) return;
  const t0 = Date.now();
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    process.stderr.write(
      `[${who} +${Date.now() - t0} ms] ${m.type()}: ${m.text().slice(0, 300)}\n`,
    );
  });
}

/** Where an admission's time goes, ms after the click: the guest's page states, then video. */
export interface AdmitPhases {
  connecting: number;
  joined: number;
  video: number;
}

/** Records, in the guest's page, when each page state first showed (Date.now). */
async function watchStates(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (f) => f'); // tsx's keepNames helper
  await page.evaluate(() => {
    const w = window as unknown as { __states: Record<string, number> };
    w.__states = {};
    new MutationObserver(() => {
      const s = document.body.dataset.state;
      if (s && !(s in w.__states)) w.__states[s] = Date.now();
    }).observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
  });
}

/** Admit click → decrypted (or plain) video playing on the guest's page, in ms. */
async function admitOnce(
  browser: Browser,
  host: Page,
  url: string,
  n: number,
): Promise<AdmitPhases> {
  const guest = await open(browser);
  const name = `Guest ${n}`;
  echoProblems(guest, name);
  await enter(guest, url, name, 'waiting');
  const admit = host.getByRole('button', { name: `Admit ${name}` });
  await admit.waitFor({ timeout: 30_000 });
  await host.waitForFunction(
    (label) =>
      !document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)?.disabled,
    `Admit ${name}`,
  );
  await watchStates(guest);
  const t0 = Date.now();
  await admit.click();
  await playsVideoOf(guest, 'Host');
  const video = Date.now() - t0;
  const states = await guest.evaluate(
    () => (window as unknown as { __states: Record<string, number> }).__states,
  );
  await guest.context().close();
  return {
    connecting: (states.connecting ?? NaN) - t0,
    joined: (states.joined ?? NaN) - t0,
    video,
  };
}

const medians = (runs: AdmitPhases[]) => ({
  connecting: median(runs.map((r) => r.connecting)),
  joined: median(runs.map((r) => r.joined)),
  video: median(runs.map((r) => r.video)),
});

export async function measureE2ee() {
  const lk = await startLivekit();
  const app = await startTestApp({
    appOptions: { ...webAppOptions(), mediaUrl: lk.url },
    overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
    env: { CALLINK_JOIN_PAGES_PER_MINUTE: '10000' },
  });
  const browser = await launchChromium({ webrtc: true });
  const admit = { e2ee: [] as AdmitPhases[], plain: [] as AdmitPhases[] };
  const rotation = { rotate: [] as number[], remove: [] as number[], keyed: [] as number[] };
  try {
    const e2ee = await hostedLink(app, { e2ee: true });
    const plain = await hostedLink(app, { lobby: true });
    const hosts = { e2ee: await open(browser), plain: await open(browser) };
    await enter(hosts.e2ee, e2ee.hostUrl, 'Host', 'joined');
    echoProblems(hosts.e2ee, 'Host');
    await enter(hosts.plain, plain.hostUrl, 'Host', 'joined');
    for (let i = 0; i < ADMITS; i++) {
      admit.e2ee.push(await admitOnce(browser, hosts.e2ee, e2ee.url, i));
      admit.plain.push(await admitOnce(browser, hosts.plain, plain.url, i));
    }
    await hosts.plain.context().close();
    process.stderr.write(
      `admit medians (ms after the click): ${JSON.stringify({ e2ee: medians(admit.e2ee), plain: medians(admit.plain) })}\n`,
    );
    const guests: Page[] = [];
    for (let round = 0; round < ROTATIONS; round++) {
      const r = await rotationRound({
        browser,
        host: hosts.e2ee,
        guests,
        url: e2ee.url,
        round,
        enter,
      });
      process.stderr.write(`rotation ${round}: ${JSON.stringify(r)}\n`);
      rotation.rotate.push(r.rotate);
      rotation.remove.push(r.remove);
      rotation.keyed.push(r.keyed);
    }
  } finally {
    await browser.close();
    await app.close();
    await lk.stop();
  }
  return {
    admitMs: { e2ee: medians(admit.e2ee).video, plain: medians(admit.plain).video },
    rotationMs: {
      rotate: median(rotation.rotate),
      remove: median(rotation.remove),
      keyed: median(rotation.keyed),
    },
  };
}

if (process.argv[1]?.endsWith('e2ee-measure.ts')) {
  console.log(JSON.stringify(await measureE2ee()));
}
