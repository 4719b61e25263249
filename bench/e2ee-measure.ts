/**
 * Measures E2EE calls in real Chromium against a real LiveKit, inside the loopback-only
 * namespace: (1) host clicks Admit → the guest's page plays the host's decrypted video, median
 * of 10, for an E2EE key-exchange link against a plain lobby link (runs alternate); (2) with 5
 * people in an E2EE call, host clicks Remove → every remaining guest uses the new key, against
 * the removed person's tile leaving those pages (the removal itself), median of 3.
 * Run by e2ee.bench.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { createLivekitRooms } from '../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { launchChromium } from '../test/support/browser.js';
import { startLivekit } from '../test/support/livekit.js';
import { webAppOptions } from '../test/support/web.js';
import { median } from './types.js';

/** CALLINK_BENCH_E2EE_ADMITS=0 measures only the rotation (a quicker run). */
const ADMITS = Number(process.env.CALLINK_BENCH_E2EE_ADMITS ?? 10);
const ROTATIONS = 3;

async function open(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 640, height: 480 } });
  return context.newPage();
}

async function enter(page: Page, url: string, name: string, state: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
  await page.waitForFunction(
    () =>
      document.body.dataset.state === 'blocked' ||
      !/Checking/.test(document.getElementById('network')?.textContent ?? ''),
    undefined,
    { timeout: 30_000 },
  );
  if ((await page.evaluate(() => document.body.dataset.state)) === 'blocked') {
    // Re-rendered when the check ends: click without waiting for it to hold still.
    await page.getByRole('button', { name: 'Try to join anyway' }).click({ force: true });
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
  }
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Join/ }).click();
  await page.waitForFunction((s) => document.body.dataset.state === s, state, { timeout: 60_000 });
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
    { timeout: 60_000, polling: 'raf' },
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

/** Admit click → decrypted (or plain) video playing on the guest's page, in ms. */
async function admitOnce(browser: Browser, host: Page, url: string, n: number): Promise<number> {
  const guest = await open(browser);
  const name = `Guest ${n}`;
  await enter(guest, url, name, 'waiting');
  const admit = host.getByRole('button', { name: `Admit ${name}` });
  await admit.waitFor({ timeout: 30_000 });
  await host.waitForFunction(
    (label) =>
      !document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)?.disabled,
    `Admit ${name}`,
  );
  const t0 = performance.now();
  await admit.click();
  await playsVideoOf(guest, 'Host');
  const ms = performance.now() - t0;
  await guest.context().close();
  return ms;
}

async function rotationOnce(
  browser: Browser,
  host: Page,
  guests: Page[],
  url: string,
  n: number,
): Promise<{ rotate: number; remove: number }> {
  while (guests.length < 4) {
    const g = await open(browser);
    const name = `P${n}-${guests.length}`;
    await enter(g, url, name, 'waiting');
    await host
      .getByRole('button', { name: `Admit ${name}` })
      .click({ timeout: 90_000, force: true });
    await g.waitForFunction(() => document.body.dataset.state === 'joined', undefined, {
      timeout: 60_000,
    });
    guests.push(g);
  }
  const [gone, ...stay] = guests as [Page, ...Page[]];
  const goneName = (await gone.evaluate(() => localStorage.getItem('callink:name'))) ?? '';
  // Earlier departures rotate too (LiveKit may notice a closed page late): start when the
  // host's key has held still for 3 s.
  let before = '';
  for (let still = 0; still < 6;) {
    const now = await host.evaluate(() => document.body.dataset.e2eeKeyIndex ?? '');
    still = now === before ? still + 1 : 0;
    before = now;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!(await host.locator('.people-panel').count())) {
    await host.getByRole('button', { name: 'Participants' }).first().click();
  }
  await host.getByRole('button', { name: `Remove ${goneName}` }).click();
  const confirm = host.getByRole('button', { name: 'Remove', exact: true }).last();
  const t0 = performance.now();
  await confirm.click();
  const removed = Promise.all(
    stay.map((p) =>
      p.waitForFunction(
        (n) =>
          ![...document.querySelectorAll('[data-participant] figcaption')].some((f) =>
            (f.textContent ?? '').includes(n),
          ),
        goneName,
        { timeout: 60_000, polling: 'raf' },
      ),
    ),
  ).then(() => performance.now() - t0);
  const rotated = Promise.all(
    stay.map((p) =>
      p.waitForFunction((i) => document.body.dataset.e2eeKeyIndex !== i, before, {
        timeout: 60_000,
        polling: 'raf',
      }),
    ),
  ).then(() => performance.now() - t0);
  const [remove, rotate] = await Promise.all([removed, rotated]);
  await gone.context().close();
  guests.splice(0, 1);
  return { rotate, remove };
}

export async function measureE2ee() {
  const lk = await startLivekit();
  const app = await startTestApp({
    appOptions: { ...webAppOptions(), mediaUrl: lk.url },
    overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
    env: { CALLINK_JOIN_PAGES_PER_MINUTE: '10000' },
  });
  const browser = await launchChromium({ webrtc: true });
  const admit = { e2ee: [] as number[], plain: [] as number[] };
  const rotation = { rotate: [] as number[], remove: [] as number[] };
  try {
    const e2ee = await hostedLink(app, { e2ee: true });
    const plain = await hostedLink(app, { lobby: true });
    const hosts = { e2ee: await open(browser), plain: await open(browser) };
    await enter(hosts.e2ee, e2ee.hostUrl, 'Host', 'joined');
    await enter(hosts.plain, plain.hostUrl, 'Host', 'joined');
    for (let i = 0; i < ADMITS; i++) {
      admit.e2ee.push(await admitOnce(browser, hosts.e2ee, e2ee.url, i));
      admit.plain.push(await admitOnce(browser, hosts.plain, plain.url, i));
    }
    await hosts.plain.context().close();
    process.stderr.write(
      `admit medians: ${JSON.stringify({ e2ee: median(admit.e2ee), plain: median(admit.plain) })}\n`,
    );
    const guests: Page[] = [];
    for (let i = 0; i < ROTATIONS; i++) {
      const r = await rotationOnce(browser, hosts.e2ee, guests, e2ee.url, i);
      rotation.rotate.push(r.rotate);
      rotation.remove.push(r.remove);
    }
  } finally {
    await browser.close();
    await app.close();
    await lk.stop();
  }
  return {
    admitMs: { e2ee: median(admit.e2ee), plain: median(admit.plain) },
    rotationMs: { rotate: median(rotation.rotate), remove: median(rotation.remove) },
  };
}

if (process.argv[1]?.endsWith('e2ee-measure.ts')) {
  console.log(JSON.stringify(await measureE2ee()));
}
