/**
 * The join page in real Chromium against a real LiveKit: browser verdicts (without downloading
 * livekit-client), listen-only after a denial, two people seeing each other, lobby, full call,
 * and names shown as text. Runs in the loopback-only namespace (WebRTC).
 * Set CALLINK_SCREENSHOTS=/some/dir to keep a PNG of each state.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertLoopbackOnly, launchChromium, newPerson } from '../support/browser.js';
import { webAppOptions } from '../support/web.js';

const OLD_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.113 Safari/537.36';

let app: TestApp;
let granted: Browser;
let denied: Browser;
let linksEnabled = true;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertLoopbackOnly();
  const lk = inject('livekit');
  app = await startTestApp({
    appOptions: { ...webAppOptions(), mediaUrl: inject('livekit').url },
    overrides: {
      rooms: createLivekitRooms({ ...lk, loopback: true }),
      policy: async () => ({ ...DEFAULT_POLICY, linksEnabled }),
    },
    env: { CALLINK_JOIN_PAGES_PER_MINUTE: '1000' },
  });
  [granted, denied] = await Promise.all([
    launchChromium({ webrtc: true }),
    // Without a camera grant Chromium hides host addresses behind mDNS names, which nothing
    // resolves in the loopback namespace; real networks reach the server without them.
    launchChromium({
      webrtc: true,
      grantMedia: false,
      args: ['--disable-features=WebRtcHideLocalIpsWithMdns'],
    }),
  ]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await Promise.all([granted?.close(), denied?.close()]);
  await app?.close();
});

async function person(
  browser: Browser = granted,
  options: Parameters<typeof newPerson>[1] = {},
): Promise<{ page: Page; requests: string[] }> {
  const context = await newPerson(browser, options);
  contexts.push(context);
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  return { page, requests };
}

async function createLink(body: Record<string, unknown> = {}) {
  const res = await app.api('/api/links', { method: 'POST', json: body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string };
}

const pageUrl = (id: string, fragment = '') => `${app.url}/j/${id}${fragment}`;

async function stateOf(page: Page, state: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction((s) => document.body.dataset.state === s, state, { timeout });
  const dir = process.env.CALLINK_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${state}-${Date.now()}.png`, fullPage: true });
}

async function join(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Join/ }).click();
}

/** Waits until the element for `identity`-less remote people shows a playing video. */
async function seesVideoOf(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll<HTMLElement>('[data-participant]')].some(
        (tile) =>
          tile.querySelector('figcaption')?.textContent === n &&
          [...tile.querySelectorAll('video')].some((v) => v.videoWidth > 0 && !v.paused),
      ),
    name,
    { timeout: 20_000 },
  );
}

describe('the browser check', () => {
  it('tells an old Chrome it is unsupported, without downloading livekit-client', async () => {
    const link = await createLink();
    const { page, requests } = await person(granted, { userAgent: OLD_CHROME });
    await page.goto(pageUrl(link.id));
    await stateOf(page, 'unsupported');
    await expect(page.locator('#details').innerText()).resolves.toMatch(/Chrome 60 is too old/);
    await page.waitForTimeout(300);
    expect(requests.filter((u) => /livekit|network-check|call-/.test(u))).toEqual([]);
  });

  it('tells a browser without RTCPeerConnection it is unsupported, without livekit-client', async () => {
    const link = await createLink();
    const { page, requests } = await person();
    await page.addInitScript(() => {
      delete (window as unknown as Record<string, unknown>).RTCPeerConnection;
    });
    await page.goto(pageUrl(link.id));
    await stateOf(page, 'unsupported');
    await expect(page.locator('#details').innerText()).resolves.toMatch(/cannot make video calls/);
    expect(requests.filter((u) => /livekit/.test(u))).toEqual([]);
  });

  it('says an encrypted link whose key was cut off is incomplete', async () => {
    const link = await createLink({ e2ee: true });
    const { page } = await person();
    await page.goto(pageUrl(link.id, `#k=${link.url.split('#k=')[1]?.slice(0, 20)}`));
    await stateOf(page, 'error');
    await expect(page.locator('#message').innerText()).resolves.toMatch(/incomplete/);
  });

  it('says calls are disabled by the organization, in German for a German browser', async () => {
    const link = await createLink();
    linksEnabled = false;
    try {
      const { page } = await person(granted, { locale: 'de-DE' });
      await page.goto(pageUrl(link.id));
      await stateOf(page, 'error');
      await expect(page.locator('#message').innerText()).resolves.toMatch(/von der Organisation/);
    } finally {
      linksEnabled = true;
    }
  });
});

describe('joining', () => {
  it('lets two people join one link and see each other; a name with HTML stays text', async () => {
    const link = await createLink({ title: 'Two people' });
    const alice = await person();
    const bob = await person();
    const bobName = '<img src=x onerror="window.pwned=1">Bob';
    await alice.page.goto(pageUrl(link.id));
    await stateOf(alice.page, 'ready');
    await join(alice.page, 'Alice');
    await stateOf(alice.page, 'joined');
    await bob.page.goto(pageUrl(link.id));
    await stateOf(bob.page, 'ready');
    await join(bob.page, bobName);
    await stateOf(bob.page, 'joined');
    await Promise.all([seesVideoOf(alice.page, bobName), seesVideoOf(bob.page, 'Alice')]);
    expect(await alice.page.locator('#call img').count()).toBe(0);
    expect(await alice.page.evaluate(() => 'pwned' in window)).toBe(false);
  });

  it('lets a person who denied the camera and microphone join listen-only', async () => {
    const link = await createLink();
    const { page } = await person(denied);
    await page.goto(pageUrl(link.id));
    await stateOf(page, 'ready');
    await page.getByText('not allowed to use your camera').waitFor();
    await page.getByRole('button', { name: 'Join listen-only' }).waitFor();
    await join(page, 'Listener');
    await stateOf(page, 'joined');
    expect(await page.getByRole('button', { name: 'Mute' }).count()).toBe(0);
  });

  it('keeps a guest in the lobby until the host admits, and tells a denied guest', async () => {
    const link = await createLink({ lobby: true });
    const key = await app.api(`/api/links/${link.id}/host-key`, { method: 'POST' });
    const { hostUrl } = (await key.json()) as { hostUrl: string };
    const host = await person();
    await host.page.goto(pageUrl(link.id, `#${hostUrl.split('#')[1]}`));
    await stateOf(host.page, 'ready');
    await join(host.page, 'Host');
    await stateOf(host.page, 'joined');

    const guest = await person();
    await guest.page.goto(pageUrl(link.id));
    await stateOf(guest.page, 'ready');
    await join(guest.page, 'Guest');
    await stateOf(guest.page, 'waiting');
    await host.page.getByRole('button', { name: 'Admit Guest' }).click({ timeout: 10_000 });
    await stateOf(guest.page, 'joined');

    const stranger = await person();
    await stranger.page.goto(pageUrl(link.id));
    await stateOf(stranger.page, 'ready');
    await join(stranger.page, 'Stranger');
    await stateOf(stranger.page, 'waiting');
    await host.page.getByRole('button', { name: 'Deny Stranger' }).click({ timeout: 10_000 });
    await stateOf(stranger.page, 'denied');
  });

  it('tells the next person that a full call is full', async () => {
    const link = await createLink({ maxParticipants: 1 });
    const first = await person();
    await first.page.goto(pageUrl(link.id));
    await stateOf(first.page, 'ready');
    await join(first.page, 'First');
    await stateOf(first.page, 'joined');
    const second = await person();
    await second.page.goto(pageUrl(link.id));
    await stateOf(second.page, 'ready');
    await join(second.page, 'Second');
    await stateOf(second.page, 'full');
    await expect(second.page.locator('#message').innerText()).resolves.toMatch(/full/);
  });
});
